/**
 * What a reorder proposal says, computed by the capsules domain from the household's
 * consumption, its usual order and the brand's catalog. The orders code stores it on the
 * server (`households/{hid}/proposals/{id}`) and the session carries only its id, so
 * nothing a client sends back can change what is ordered or its price.
 */
export interface ReorderProposalDraft {
  readonly brandId: string;
  readonly variety: string;
  readonly boxes: number;
  /** Capsules per box × boxes. */
  readonly capsules: number;
  readonly totalMinor: number;
  readonly currency: string;
  readonly market: string;
  readonly seller: string;
  /** ISO date the box would arrive if ordered now. */
  readonly deliveryOn: string;
  /** Capsules of this variety left now, and days they last at the current pace (undefined when unknown). */
  readonly stockLeft: number;
  readonly daysLeft: number | undefined;
}
