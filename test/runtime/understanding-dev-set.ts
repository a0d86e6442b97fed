/**
 * The development set of the matcher's similarity stage: natural phrasings
 * written the way people type to an appliance screen, not copied from the
 * samples, per primary locale across both skills. Used to develop and to guard
 * the figures (test/runtime/understanding.test.ts); the held-out evaluation
 * set lives elsewhere and is never used here.
 */
import type { Locale } from '../../src/runtime/locales.js';

export type DevPhrase = {
  skill: 'fridge-chef' | 'coffee-companion';
  text: string;
  intent: string;
  /** Slot name -> the id (custom types) or value (numbers) expected. */
  slots?: Record<string, string>;
};

export const DEV_SET: Record<
  Extract<Locale, 'en-US' | 'fr-FR' | 'de-DE' | 'es-ES' | 'it-IT'>,
  DevPhrase[]
> = {
  'en-US': [
    { skill: 'fridge-chef', text: 'what could I cook for dinner tonight', intent: 'WhatCanICookIntent' },
    { skill: 'fridge-chef', text: 'got any recipe suggestions for me', intent: 'WhatCanICookIntent' },
    { skill: 'fridge-chef', text: 'which foods are about to go off', intent: 'ExpiringSoonIntent' },
    { skill: 'fridge-chef', text: "what's inside my fridge right now", intent: 'WhatsInMyFridgeIntent' },
    {
      skill: 'fridge-chef',
      text: 'please put eggs on the shopping list',
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'egg' },
    },
    {
      skill: 'fridge-chef',
      text: "we've run out of milk",
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'milk' },
    },
    {
      skill: 'fridge-chef',
      text: 'stop using data from my fridge',
      intent: 'StopUsingMyDataIntent',
      slots: { dataKind: 'inventory' },
    },
    { skill: 'fridge-chef', text: 'what is the step after this', intent: 'NextStepIntent' },
    { skill: 'fridge-chef', text: 'anything on special this week', intent: 'DealsIntent' },
    { skill: 'fridge-chef', text: 'i dont want offers anymore', intent: 'StopAllOffersIntent' },
    { skill: 'coffee-companion', text: 'i want to order more coffee', intent: 'ReorderIntent' },
    { skill: 'coffee-companion', text: 'how many pods are remaining', intent: 'CapsuleStockIntent' },
    {
      skill: 'coffee-companion',
      text: 'when am I going to run out of coffee pods',
      intent: 'RunOutDateIntent',
    },
    {
      skill: 'coffee-companion',
      text: 'please order 20 vanilla capsules for me',
      intent: 'ReorderIntent',
      slots: { quantity: '20', variety: 'vanilla' },
    },
    {
      skill: 'coffee-companion',
      text: 'i want to cancel the order i just placed',
      intent: 'CancelOrderIntent',
    },
    {
      skill: 'coffee-companion',
      text: 'actually make it thirty',
      intent: 'ChangeQuantityIntent',
      slots: { quantity: '30' },
    },
    { skill: 'coffee-companion', text: 'what data are you keeping on me', intent: 'WhatDoYouKnowIntent' },
  ],
  'fr-FR': [
    { skill: 'fridge-chef', text: 'que puis-je cuisiner ce soir', intent: 'WhatCanICookIntent' },
    { skill: 'fridge-chef', text: "t'as une idée de recette pour ce soir", intent: 'WhatCanICookIntent' },
    {
      skill: 'fridge-chef',
      text: "qu'est-ce qui va bientôt périmer dans le frigo",
      intent: 'ExpiringSoonIntent',
    },
    {
      skill: 'fridge-chef',
      text: "qu'est-ce qu'il reste dans mon réfrigérateur",
      intent: 'WhatsInMyFridgeIntent',
    },
    {
      skill: 'fridge-chef',
      text: 'mets du lait sur la liste de courses',
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'milk' },
    },
    {
      skill: 'fridge-chef',
      text: "il n'y a plus de tomates",
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'tomato' },
    },
    {
      skill: 'fridge-chef',
      text: "arrête d'utiliser les données de mon frigo",
      intent: 'StopUsingMyDataIntent',
      slots: { dataKind: 'inventory' },
    },
    { skill: 'fridge-chef', text: "c'est quoi l'étape suivante", intent: 'NextStepIntent' },
    { skill: 'fridge-chef', text: 'il y a des promos cette semaine', intent: 'DealsIntent' },
    { skill: 'fridge-chef', text: 'je ne veux plus recevoir d offres', intent: 'StopAllOffersIntent' },
    { skill: 'coffee-companion', text: 'je voudrais recommander du café', intent: 'ReorderIntent' },
    { skill: 'coffee-companion', text: 'combien de capsules il me reste', intent: 'CapsuleStockIntent' },
    {
      skill: 'coffee-companion',
      text: "quand est-ce que je n'aurai plus de capsules",
      intent: 'RunOutDateIntent',
    },
    {
      skill: 'coffee-companion',
      text: 'commande-moi vingt capsules de noisette',
      intent: 'ReorderIntent',
      slots: { quantity: '20', variety: 'hazelnut' },
    },
    {
      skill: 'coffee-companion',
      text: 'annule la commande que je viens de passer',
      intent: 'CancelOrderIntent',
    },
    {
      skill: 'coffee-companion',
      text: 'finalement mets-en trente',
      intent: 'ChangeQuantityIntent',
      slots: { quantity: '30' },
    },
    { skill: 'coffee-companion', text: 'quelles données as-tu sur moi', intent: 'WhatDoYouKnowIntent' },
  ],
  'de-DE': [
    { skill: 'fridge-chef', text: 'was kann ich heute abend kochen', intent: 'WhatCanICookIntent' },
    { skill: 'fridge-chef', text: 'hast du eine rezeptidee für mich', intent: 'WhatCanICookIntent' },
    { skill: 'fridge-chef', text: 'welche lebensmittel laufen bald ab', intent: 'ExpiringSoonIntent' },
    { skill: 'fridge-chef', text: 'was ist gerade im kühlschrank drin', intent: 'WhatsInMyFridgeIntent' },
    {
      skill: 'fridge-chef',
      text: 'setz bitte milch auf die einkaufsliste',
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'milk' },
    },
    {
      skill: 'fridge-chef',
      text: 'wir haben keine eier mehr',
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'egg' },
    },
    {
      skill: 'fridge-chef',
      text: 'hör auf meine kühlschrankdaten zu verwenden',
      intent: 'StopUsingMyDataIntent',
      slots: { dataKind: 'inventory' },
    },
    { skill: 'fridge-chef', text: 'was kommt als nächstes', intent: 'NextStepIntent' },
    { skill: 'fridge-chef', text: 'gibt es diese woche angebote', intent: 'DealsIntent' },
    { skill: 'fridge-chef', text: 'ich will keine angebote mehr bekommen', intent: 'StopAllOffersIntent' },
    { skill: 'coffee-companion', text: 'wann gehen mir die kapseln aus', intent: 'RunOutDateIntent' },
    { skill: 'coffee-companion', text: 'ich möchte kaffee nachbestellen', intent: 'ReorderIntent' },
    { skill: 'coffee-companion', text: 'wie viele kapseln hab ich noch übrig', intent: 'CapsuleStockIntent' },
    {
      skill: 'coffee-companion',
      text: 'bestell mir bitte zwanzig vanille kapseln',
      intent: 'ReorderIntent',
      slots: { quantity: '20', variety: 'vanilla' },
    },
    {
      skill: 'coffee-companion',
      text: 'ich will meine bestellung zurücknehmen',
      intent: 'CancelOrderIntent',
    },
    {
      skill: 'coffee-companion',
      text: 'mach lieber dreißig',
      intent: 'ChangeQuantityIntent',
      slots: { quantity: '30' },
    },
    {
      skill: 'coffee-companion',
      text: 'welche daten hast du über mich gespeichert',
      intent: 'WhatDoYouKnowIntent',
    },
  ],
  'es-ES': [
    { skill: 'fridge-chef', text: 'qué puedo cocinar esta noche', intent: 'WhatCanICookIntent' },
    { skill: 'fridge-chef', text: 'tienes alguna idea de receta para la cena', intent: 'WhatCanICookIntent' },
    { skill: 'fridge-chef', text: 'qué alimentos caducan pronto', intent: 'ExpiringSoonIntent' },
    { skill: 'fridge-chef', text: 'qué hay ahora mismo en la nevera', intent: 'WhatsInMyFridgeIntent' },
    {
      skill: 'fridge-chef',
      text: 'apunta leche en la lista de la compra',
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'milk' },
    },
    {
      skill: 'fridge-chef',
      text: 'se nos han acabado los huevos',
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'egg' },
    },
    {
      skill: 'fridge-chef',
      text: 'deja de usar los datos de mi nevera',
      intent: 'StopUsingMyDataIntent',
      slots: { dataKind: 'inventory' },
    },
    { skill: 'fridge-chef', text: 'cuál es el siguiente paso de la receta', intent: 'NextStepIntent' },
    { skill: 'fridge-chef', text: 'hay alguna oferta esta semana', intent: 'DealsIntent' },
    { skill: 'fridge-chef', text: 'no quiero recibir más ofertas', intent: 'StopAllOffersIntent' },
    { skill: 'coffee-companion', text: 'quiero pedir más café', intent: 'ReorderIntent' },
    { skill: 'coffee-companion', text: 'cuántas cápsulas me quedan todavía', intent: 'CapsuleStockIntent' },
    { skill: 'coffee-companion', text: 'cuándo me voy a quedar sin cápsulas', intent: 'RunOutDateIntent' },
    {
      skill: 'coffee-companion',
      text: 'pídeme veinte cápsulas de vainilla',
      intent: 'ReorderIntent',
      slots: { quantity: '20', variety: 'vanilla' },
    },
    {
      skill: 'coffee-companion',
      text: 'quiero anular el pedido que acabo de hacer',
      intent: 'CancelOrderIntent',
    },
    {
      skill: 'coffee-companion',
      text: 'mejor que sean treinta',
      intent: 'ChangeQuantityIntent',
      slots: { quantity: '30' },
    },
    { skill: 'coffee-companion', text: 'qué datos tienes guardados sobre mí', intent: 'WhatDoYouKnowIntent' },
  ],
  'it-IT': [
    { skill: 'fridge-chef', text: 'cosa posso cucinare stasera', intent: 'WhatCanICookIntent' },
    { skill: 'fridge-chef', text: 'hai qualche idea per la cena', intent: 'WhatCanICookIntent' },
    { skill: 'fridge-chef', text: 'quali alimenti scadono a breve', intent: 'ExpiringSoonIntent' },
    { skill: 'fridge-chef', text: "cosa c'è adesso nel frigo", intent: 'WhatsInMyFridgeIntent' },
    {
      skill: 'fridge-chef',
      text: 'metti il latte nella lista della spesa',
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'milk' },
    },
    {
      skill: 'fridge-chef',
      text: 'sono finite le uova',
      intent: 'AddToShoppingListIntent',
      slots: { ingredient: 'egg' },
    },
    {
      skill: 'fridge-chef',
      text: 'smetti di usare i dati del mio frigo',
      intent: 'StopUsingMyDataIntent',
      slots: { dataKind: 'inventory' },
    },
    { skill: 'fridge-chef', text: 'qual è il prossimo passaggio', intent: 'NextStepIntent' },
    { skill: 'fridge-chef', text: 'ci sono offerte questa settimana', intent: 'DealsIntent' },
    { skill: 'fridge-chef', text: 'non voglio più ricevere offerte', intent: 'StopAllOffersIntent' },
    { skill: 'coffee-companion', text: 'vorrei ordinare altro caffè', intent: 'ReorderIntent' },
    { skill: 'coffee-companion', text: 'quante capsule mi rimangono ancora', intent: 'CapsuleStockIntent' },
    { skill: 'coffee-companion', text: 'quando finirò le capsule', intent: 'RunOutDateIntent' },
    {
      skill: 'coffee-companion',
      text: 'ordinami venti capsule alla vaniglia',
      intent: 'ReorderIntent',
      slots: { quantity: '20', variety: 'vanilla' },
    },
    {
      skill: 'coffee-companion',
      text: "voglio annullare l'ordine che ho appena fatto",
      intent: 'CancelOrderIntent',
    },
    {
      skill: 'coffee-companion',
      text: 'anzi facciamo trenta',
      intent: 'ChangeQuantityIntent',
      slots: { quantity: '30' },
    },
    { skill: 'coffee-companion', text: 'che dati hai salvato su di me', intent: 'WhatDoYouKnowIntent' },
  ],
};
