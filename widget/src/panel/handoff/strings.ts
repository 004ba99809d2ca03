/**
 * The handoff form's words in English, Spanish and German. Like the panel, each language's
 * handoff chunk carries only its own (start.tsx picks them at build time).
 */

export const EN = {
  title: "Talk to a person",
  intro: "Our team will reply by email and here in this chat.",
  replyWithin: (hours: number) =>
    `We usually reply within ${hours % 24 ? (hours > 1 ? `${hours} hours` : "an hour") : hours > 24 ? `${hours / 24} days` : "a day"}.`,
  hours: (hours: string) => `Our office hours: ${hours}.`,
  outside: (hours: string) => `We're outside our office hours right now (${hours}), so we'll reply when we're back.`,
  email: "Email",
  name: "Name",
  optional: "optional",
  message: "Your message",
  send: "Send to our team",
  sending: "Sending…",
  back: "Back to chat",
  badEmail: "Please enter a valid email address, like name@example.com.",
  noMessage: "Please write your message.",
  failed: "Your message couldn't be sent. Please try again.",
  offline: "You're offline. Your message is kept: send it once you're back online.",
  tooMany: (minutes: number) => `You've sent our team several messages this hour. Please try again in ${minutes} min.`,
  sent: (email: string) => `Sent to our team. We'll reply to ${email} and here in this chat.`,
  added: (email: string) => `Added to your request. We'll reply to ${email} and here in this chat.`,
  fromTeam: "Reply from our team",
  /** The launcher's name (the loader's "Open support chat") while replies are unread. */
  unread: (name: string, count: number) => `${name}, ${count} new ${count > 1 ? "replies" : "reply"}`,
};

export type HandoffStrings = typeof EN;

export const ES: HandoffStrings = {
  title: "Hablar con una persona",
  intro: "Nuestro equipo te responderá por correo electrónico y aquí en este chat.",
  replyWithin: (hours) =>
    `Solemos responder en menos de ${hours % 24 ? (hours > 1 ? `${hours} horas` : "una hora") : hours > 24 ? `${hours / 24} días` : "un día"}.`,
  hours: (hours) => `Nuestro horario: ${hours}.`,
  outside: (hours) => `Ahora estamos fuera de nuestro horario (${hours}): te responderemos cuando volvamos.`,
  email: "Correo electrónico",
  name: "Nombre",
  optional: "opcional",
  message: "Tu mensaje",
  send: "Enviar a nuestro equipo",
  sending: "Enviando…",
  back: "Volver al chat",
  badEmail: "Escribe una dirección de correo válida, como nombre@ejemplo.com.",
  noMessage: "Escribe tu mensaje.",
  failed: "No se pudo enviar tu mensaje. Inténtalo de nuevo.",
  offline: "No tienes conexión. Tu mensaje se guarda: envíalo cuando vuelvas a estar en línea.",
  tooMany: (minutes) =>
    `Has enviado varios mensajes a nuestro equipo en la última hora. Inténtalo de nuevo en ${minutes} min.`,
  sent: (email) => `Enviado a nuestro equipo. Te responderemos en ${email} y aquí en este chat.`,
  added: (email) => `Añadido a tu consulta. Te responderemos en ${email} y aquí en este chat.`,
  fromTeam: "Respuesta de nuestro equipo",
  unread: (name, count) => `${name}, ${count} ${count > 1 ? "respuestas nuevas" : "respuesta nueva"}`,
};

export const DE: HandoffStrings = {
  title: "Mit einem Menschen sprechen",
  intro: "Unser Team antwortet dir per E-Mail und hier im Chat.",
  replyWithin: (hours) =>
    `Wir antworten meist innerhalb ${hours % 24 ? (hours > 1 ? `von ${hours} Stunden` : "einer Stunde") : hours > 24 ? `von ${hours / 24} Tagen` : "eines Tages"}.`,
  hours: (hours) => `Unsere Bürozeiten: ${hours}.`,
  outside: (hours) =>
    `Wir sind gerade außerhalb unserer Bürozeiten (${hours}) und antworten dir, sobald wir zurück sind.`,
  email: "E-Mail",
  name: "Name",
  optional: "optional",
  message: "Deine Nachricht",
  send: "An unser Team senden",
  sending: "Wird gesendet…",
  back: "Zurück zum Chat",
  badEmail: "Bitte gib eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.",
  noMessage: "Bitte schreib deine Nachricht.",
  failed: "Deine Nachricht konnte nicht gesendet werden. Bitte versuch es erneut.",
  offline: "Du bist offline. Deine Nachricht bleibt erhalten: sende sie, wenn du wieder online bist.",
  tooMany: (minutes) =>
    `Du hast unserem Team in der letzten Stunde mehrere Nachrichten geschickt. Bitte versuch es in ${minutes} min erneut.`,
  sent: (email) => `An unser Team gesendet. Wir antworten dir an ${email} und hier im Chat.`,
  added: (email) => `Zu deiner Anfrage hinzugefügt. Wir antworten dir an ${email} und hier im Chat.`,
  fromTeam: "Antwort von unserem Team",
  unread: (name, count) => `${name}, ${count} ${count > 1 ? "neue Antworten" : "neue Antwort"}`,
};
