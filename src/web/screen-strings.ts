import type { DeviceKind } from '../household/household-record.js';
import { type Locale, languageOf } from '../runtime/locales.js';

/** The screen page's own words (the skill's replies come from its locale files). */
export type ScreenStrings = {
  kind: Record<DeviceKind, string>;
  home: string;
  question: string;
  ask: string;
  suggestions: string;
  failed: string;
  expired: string;
};

const EN: ScreenStrings = {
  kind: { fridge: 'Fridge', 'coffee-machine': 'Coffee machine' },
  home: 'Home',
  question: 'Ask a question',
  ask: 'Ask',
  suggestions: 'Try',
  failed: 'Something went wrong. Please try again.',
  expired: 'This page has expired. Reload it to continue.',
};

const STRINGS: Record<string, ScreenStrings> = {
  en: EN,
  fr: {
    kind: { fridge: 'Réfrigérateur', 'coffee-machine': 'Machine à café' },
    home: 'Accueil',
    question: 'Posez une question',
    ask: 'Demander',
    suggestions: 'Essayez',
    failed: 'Un problème est survenu. Réessayez.',
    expired: 'Cette page a expiré. Rechargez-la pour continuer.',
  },
  de: {
    kind: { fridge: 'Kühlschrank', 'coffee-machine': 'Kaffeemaschine' },
    home: 'Start',
    question: 'Stell eine Frage',
    ask: 'Fragen',
    suggestions: 'Probier mal',
    failed: 'Etwas ist schiefgelaufen. Versuch es noch einmal.',
    expired: 'Diese Seite ist abgelaufen. Lade sie neu, um weiterzumachen.',
  },
  es: {
    kind: { fridge: 'Frigorífico', 'coffee-machine': 'Cafetera' },
    home: 'Inicio',
    question: 'Haz una pregunta',
    ask: 'Preguntar',
    suggestions: 'Prueba',
    failed: 'Algo ha salido mal. Inténtalo de nuevo.',
    expired: 'Esta página ha caducado. Vuelve a cargarla para continuar.',
  },
  it: {
    kind: { fridge: 'Frigorifero', 'coffee-machine': 'Macchina da caffè' },
    home: 'Home',
    question: 'Fai una domanda',
    ask: 'Chiedi',
    suggestions: 'Prova',
    failed: 'Qualcosa è andato storto. Riprova.',
    expired: 'Questa pagina è scaduta. Ricaricala per continuare.',
  },
};

/** The page's words in a locale's language (English when hearth has none for it). */
export function screenStrings(locale: Locale): ScreenStrings {
  return STRINGS[languageOf(locale)] ?? EN;
}
