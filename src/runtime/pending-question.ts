/**
 * The yes/no question a reply asked, remembered in the session for the next
 * turn only: its Yes or No goes to the question's handlers, any other turn
 * lets it lapse. The session comes back from the client, so the name is read
 * as untrusted: a string of a question name's shape, naming one of the skill's
 * own questions (never `constructor` or another inherited member).
 */
import { QUESTION_NAME, type QuestionDefinition, type SkillDefinition } from './skill-definition.js';
import type { SessionState } from './turn.js';

/** Session key under which the runtime remembers the question a reply asked. */
export const QUESTION_KEY = '_question';

/** The skill's own question of that name, if it has one. */
export function ownQuestion(skill: SkillDefinition, name: unknown): QuestionDefinition | undefined {
  if (typeof name !== 'string' || !QUESTION_NAME.test(name)) return undefined;
  const questions = skill.questions;
  return questions && Object.hasOwn(questions, name) ? questions[name] : undefined;
}

/** The question pending in a session as the client handed it back, if it is one the skill asks. */
export function pendingQuestion(
  skill: SkillDefinition,
  session: SessionState,
): QuestionDefinition | undefined {
  return Object.hasOwn(session, QUESTION_KEY) ? ownQuestion(skill, session[QUESTION_KEY]) : undefined;
}

/** The session without the runtime's question record (what handlers see). */
export function withoutQuestion(session: SessionState): SessionState {
  if (!Object.hasOwn(session, QUESTION_KEY)) return session;
  const { [QUESTION_KEY]: _dropped, ...rest } = session;
  return rest;
}

/** The session a reply leaves: the question it asks recorded, or none at all. */
export function withQuestion(session: SessionState, question: string | undefined): SessionState {
  const rest = withoutQuestion(session);
  return question === undefined ? rest : { ...rest, [QUESTION_KEY]: question };
}
