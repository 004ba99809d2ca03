/** The panel's words in English, Spanish and German. */
import type { Language } from "../contract";

const EN = {
  title: "Support",
  greeting: "Hi there! Ask us anything, we usually answer right away.",
  close: "Close chat",
  newConversation: "New conversation",
  message: "Message",
  placeholder: "Type your question…",
  send: "Send",
  stop: "Stop",
  fromFaq: "From our FAQ",
  stopped: "Stopped",
  writing: "Writing an answer…",
  retry: "Retry",
  suggestions: "Suggested questions",
  rateLimited: (seconds: number) => `You're sending messages quickly. You can retry in ${seconds} s.`,
  rateLimitedReady: "You can send your message again now.",
  budget: "We've reached today's limit for answers. Please try again later or contact us.",
  offline: "You're offline. Your message is kept: retry once you're back online.",
  unavailable: "The assistant is unavailable right now. Please try again.",
  cut: "The answer was cut off. Please try again.",
  invalid: "This message couldn't be sent.",
};

export type Strings = typeof EN;

const ES: Strings = {
  title: "Soporte",
  greeting: "¡Hola! Pregúntanos lo que quieras, solemos responder al instante.",
  close: "Cerrar el chat",
  newConversation: "Nueva conversación",
  message: "Mensaje",
  placeholder: "Escribe tu pregunta…",
  send: "Enviar",
  stop: "Detener",
  fromFaq: "De nuestras preguntas frecuentes",
  stopped: "Detenido",
  writing: "Escribiendo una respuesta…",
  retry: "Reintentar",
  suggestions: "Preguntas sugeridas",
  rateLimited: (seconds) => `Estás enviando mensajes muy rápido. Podrás reintentar en ${seconds} s.`,
  rateLimitedReady: "Ya puedes enviar tu mensaje de nuevo.",
  budget: "Hemos alcanzado el límite de respuestas de hoy. Inténtalo más tarde o contáctanos.",
  offline: "No tienes conexión. Tu mensaje se guarda: reinténtalo cuando vuelvas a estar en línea.",
  unavailable: "El asistente no está disponible ahora mismo. Inténtalo de nuevo.",
  cut: "La respuesta se interrumpió. Inténtalo de nuevo.",
  invalid: "No se pudo enviar este mensaje.",
};

const DE: Strings = {
  title: "Support",
  greeting: "Hallo! Frag uns, was du wissen möchtest – wir antworten meist sofort.",
  close: "Chat schließen",
  newConversation: "Neue Unterhaltung",
  message: "Nachricht",
  placeholder: "Stell deine Frage…",
  send: "Senden",
  stop: "Stopp",
  fromFaq: "Aus unseren FAQ",
  stopped: "Gestoppt",
  writing: "Antwort wird geschrieben…",
  retry: "Erneut versuchen",
  suggestions: "Vorgeschlagene Fragen",
  rateLimited: (seconds) => `Du sendest sehr schnell. Du kannst es in ${seconds} s erneut versuchen.`,
  rateLimitedReady: "Du kannst deine Nachricht jetzt erneut senden.",
  budget: "Das Antwortlimit für heute ist erreicht. Bitte versuch es später oder kontaktiere uns.",
  offline: "Du bist offline. Deine Nachricht bleibt erhalten: versuch es erneut, wenn du wieder online bist.",
  unavailable: "Der Assistent ist gerade nicht erreichbar. Bitte versuch es erneut.",
  cut: "Die Antwort wurde unterbrochen. Bitte versuch es erneut.",
  invalid: "Diese Nachricht konnte nicht gesendet werden.",
};

export const STRINGS: Record<Language, Strings> = { en: EN, es: ES, de: DE };
