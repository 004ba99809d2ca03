/**
 * The labelled set that measures FAQ retrieval over the seed FAQ (seed-faq.md): visitor questions
 * worded differently from the headings (synonyms, typos, other word order, Spanish, German), each
 * with the entries that answer it, and off-topic questions that must get an honest "I don't know".
 */

const RESET = "How do I reset my password?";
const SHIP_WHEN = "When will my order ship?";
const DELIVERY_TIME = "How long does delivery take?";
const SHIPPING_COST = "How much does shipping cost?";
const INTERNATIONAL = "Do you ship internationally?";
const TRACK = "How do I track my order?";
const CANCEL = "How do I pause, skip or cancel my subscription?";
const CHANGE = "Can I change my coffee, grind size or delivery frequency?";
const REFUND = "What is your return and refund policy?";
const DAMAGED = "My order arrived damaged or is missing items. What should I do?";
const PAYMENT = "Which payment methods do you accept?";
const ADDRESS = "How do I change my shipping address or email?";
const GIFT = "Do you sell gift cards or gift subscriptions?";
const ORGANIC = "Is your coffee organic and fairly traded?";
const DECAF = "Do you have decaf?";
const STORE = "How should I store my coffee?";
const WHOLESALE = "Do you offer wholesale for cafés and offices?";
const PERSON = "How can I talk to a person?";

/** A question and the FAQ entries (by heading) that correctly answer it. */
export const ON_TOPIC: [question: string, answers: string[]][] = [
  // English, other words
  ["I forgot my login, how can I get back into my account?", [RESET]],
  ["The reset link never showed up in my inbox", [RESET]],
  ["What days do you roast and send out orders?", [SHIP_WHEN]],
  ["If I buy today, when does it leave your warehouse?", [SHIP_WHEN]],
  ["How many days until my parcel gets to me?", [DELIVERY_TIME, SHIP_WHEN]],
  ["Is express delivery available and how fast is it?", [DELIVERY_TIME, SHIPPING_COST]],
  ["Is shipping free?", [SHIPPING_COST]],
  ["what's the postage fee for small orders", [SHIPPING_COST]],
  ["Can you send coffee to Canada?", [INTERNATIONAL]],
  ["Do you deliver to Germany or the UK?", [INTERNATIONAL]],
  ["Where is my package? I need the tracking number", [TRACK]],
  ["How do I stop my subscription?", [CANCEL]],
  ["I'm going on vacation, can I put deliveries on hold?", [CANCEL]],
  ["I want to switch from whole beans to ground coffee for my French press", [CHANGE]],
  ["Can I get my coffee every two weeks instead of weekly?", [CHANGE]],
  ["I didn't like the coffee, can I get my money back?", [REFUND]],
  ["The bag came torn open and coffee spilled everywhere", [DAMAGED]],
  ["half my order is missing", [DAMAGED]],
  ["Do you take PayPal or Apple Pay?", [PAYMENT]],
  ["I moved, how do I update where you send my orders?", [ADDRESS]],
  ["I'd like to give a subscription as a present", [GIFT]],
  ["Are your beans certified organic?", [ORGANIC]],
  ["Is the coffee ethically sourced?", [ORGANIC]],
  ["Do you sell coffee without caffeine?", [DECAF]],
  ["Should I keep beans in the freezer?", [STORE]],
  ["We run a small cafe, do you offer bulk pricing?", [WHOLESALE]],
  ["I need to speak with a real human", [PERSON]],
  ["what's your phone number", [PERSON]],
  // Typos and word order
  ["shiping cost to alaska?", [SHIPPING_COST, DELIVERY_TIME]],
  ["how to cancle subscribtion", [CANCEL]],
  ["refnd polcy", [REFUND]],
  ["pasword forgoten", [RESET]],
  ["organic coffee is it?", [ORGANIC]],
  // Spanish
  ["¿Cómo restablezco mi contraseña?", [RESET]],
  ["¿Hacen envíos a México?", [INTERNATIONAL]],
  ["¿Cuánto cuesta el envío?", [SHIPPING_COST]],
  ["¿Cómo cancelo mi suscripción?", [CANCEL]],
  ["Mi pedido llegó dañado, ¿qué hago?", [DAMAGED]],
  ["¿Dónde está mi pedido? Quiero rastrearlo", [TRACK]],
  ["¿Qué formas de pago aceptan?", [PAYMENT]],
  ["¿Puedo devolver el café y recibir un reembolso?", [REFUND]],
  ["¿Venden tarjetas de regalo?", [GIFT]],
  // German
  ["Wie kann ich mein Passwort zurücksetzen?", [RESET]],
  ["Liefert ihr auch nach Österreich?", [INTERNATIONAL]],
  ["Wie lange dauert die Lieferung?", [DELIVERY_TIME]],
  ["Wie kündige ich mein Abo?", [CANCEL]],
  ["Welche Zahlungsarten akzeptiert ihr?", [PAYMENT]],
  ["Ich möchte einen Gutschein verschenken", [GIFT]],
  ["Wie erreiche ich einen Mitarbeiter?", [PERSON]],
  ["Meine Bestellung ist beschädigt angekommen", [DAMAGED]],
  ["Habt ihr entkoffeinierten Kaffee?", [DECAF]],
];

/** Questions the FAQ does not answer: the right reply is "I don't know, contact us". */
export const OFF_TOPIC: string[] = [
  "What's the weather like in Portland today?",
  "Who won the last World Cup?",
  "Can you write me a poem about the ocean?",
  "What is the capital of Australia?",
  "How do I fix a flat bicycle tire?",
  "Recommend a good movie for tonight",
  "What's 17 times 23?",
  "Tell me a joke",
  "How do I install Python on Windows?",
  "How do I make cold brew at home?",
  "Can you help me with my math homework?",
  "¿Cuál es la mejor película de este año?",
  "¿Quién es el presidente de Francia?",
  "Wie wird das Wetter morgen in Berlin?",
  "Kannst du mir ein Rezept für Apfelkuchen geben?",
  "What's the best laptop for programming?",
];
