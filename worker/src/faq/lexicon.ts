/**
 * Customer-support vocabulary in English, Spanish and German, grouped by meaning. Retrieval adds
 * a group's concept to every word of it, so "parcel", "pedido" and "Bestellung" all find an FAQ
 * entry about orders, whatever language the FAQ is written in. General support and e-commerce
 * words only: an FAQ's own subject matter is matched through its own words.
 */
import { foldText, stem } from "./text-analysis";

const GROUPS: Record<string, string> = {
  password:
    "password passwords passcode login logon signin contraseña contraseñas clave passwort kennwort anmelden anmeldung",
  reset:
    "reset forgot forgotten recover lost restablecer recuperar olvidé olvide olvidado perdí zurücksetzen vergessen wiederherstellen",
  account: "account accounts profile cuenta perfil konto kundenkonto profil",
  shipping:
    "ship ships shipping shipped shipment dispatch deliver delivery delivered arrive arrives arrival send sent receive received postage recibir recibo porto erhalten bekommen envío envio envíos enviar envían envian entrega entregar llegar llega llegue despacho versand versenden verschicken liefern lieferung zustellung ankommen kommt",
  duration:
    "long days weeks time soon quickly fast tiempo tarda tardan tardar demora días dias semanas rápido dauer dauert lange tage wochen schnell",
  cost: "cost costs price prices fee fees charge cheap expensive free cuesta cuestan cuánto cuanto precio precios coste costo gratis tarifa kosten kostet preis preise gebühr gebühren teuer kostenlos gratis",
  abroad:
    "international internationally abroad overseas worldwide foreign country countries internacional extranjero país pais países paises ausland international länder land",
  tracking:
    "track tracking trace status where whereabouts rastrear rastreo seguimiento localizar dónde donde verfolgen sendungsverfolgung sendung verfolgung wo",
  order:
    "order orders ordered buy bought purchase purchases parcel parcels package packages pedido pedidos compra compras paquete paquetes bestellung bestellungen bestellt paket pakete kauf",
  subscription:
    "subscription subscriptions subscribe subscribed membership plan suscripción suscripcion suscripciones suscrito membresía abonnement abo abonniert mitgliedschaft",
  cancel:
    "cancel cancels cancelled canceled cancellation unsubscribe terminate cancelar cancelación cancelacion anular baja kündigen kundigen kündigung stornieren beenden abbestellen",
  pause:
    "pause skip hold postpone vacation holiday break pausar pausa saltar omitir posponer vacaciones pausieren aussetzen überspringen verschieben urlaub",
  change:
    "change changes modify update switch edit cambiar cambio modificar actualizar editar ändern andern änderung wechseln aktualisieren bearbeiten",
  refund:
    "refund refunds refunded return returns returned reimburse reimbursement money devolver devolución devolucion devoluciones reembolso reembolsar dinero rückgabe zurückgeben erstattung rückerstattung erstatten geld umtausch",
  damaged:
    "damaged damage broken missing wrong crushed torn spilled spill leaking incorrect dañado dañada roto rota falta faltan incorrecto equivocado beschädigt kaputt fehlt fehlen falsch zerbrochen",
  payment:
    "pay paying payment payments card cards credit debit paypal visa mastercard amex pago pagos pagar tarjeta tarjetas crédito credito zahlen zahlung zahlungsart zahlungsarten zahlungsmethode bezahlen bezahlung karte kreditkarte",
  address:
    "address addresses moved move dirección direccion domicilio mudanza adresse anschrift lieferadresse umzug umgezogen",
  email: "email emails mail inbox mailbox spam correo correos bandeja postfach posteingang",
  gift: "gift gifts present voucher regalo regalos regalar obsequio geschenk geschenke gutschein verschenken",
  method:
    "method methods way ways option options forma formas método metodo métodos metodos opción opciones art arten möglichkeit möglichkeiten",
  ethics:
    "organic fair fairtrade ethical ethically sustainable sustainably sourced orgánico organico ecológico ecologico justo sostenible bio biologisch nachhaltig fair",
  caffeine: "decaf decaffeinated caffeine descafeinado cafeína cafeina entkoffeiniert koffein koffeinfrei",
  storage:
    "store storing storage keep fresh freshness fridge freezer refrigerate guardar conservar almacenar fresco frescura nevera congelador aufbewahren lagern lagerung frisch kühlschrank",
  wholesale:
    "wholesale bulk business businesses office offices restaurant restaurants cafes cafés mayorista mayoreo empresa empresas oficina negocio negocios großhandel grosshandel firma büro gastronomie",
  person:
    "human person people agent representative talk speak call phone contact reach humano persona agente alguien hablar llamar teléfono telefono contacto contactar comunicarme mensch erreichen mitarbeiter sprechen anrufen telefon kontakt",
};

/**
 * Places say where, not what: they belong to the "abroad" concept, but a question that matches
 * an entry only through a place ("What is the capital of Australia?") is not answered by it.
 */
const PLACES =
  "canada uk britain england europe eu australia japan germany spain france mexico usa canadá alemania españa francia méxico europa kanada deutschland spanien frankreich österreich schweiz";

/** Stem → the concepts it belongs to, as `#concept` terms. */
const CONCEPTS: ReadonlyMap<string, readonly string[]> = buildConcepts();
const PLACE_STEMS: ReadonlySet<string> = new Set(PLACES.split(" ").map((word) => stem(foldText(word))));

function buildConcepts(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [concept, list] of Object.entries({ ...GROUPS, abroad: `${GROUPS.abroad} ${PLACES}` })) {
    for (const word of list.split(" ")) {
      const key = stem(foldText(word));
      const concepts = map.get(key) ?? [];
      if (!concepts.includes(`#${concept}`)) concepts.push(`#${concept}`);
      map.set(key, concepts);
    }
  }
  return map;
}

/** The concepts a stemmed word belongs to (usually none). */
export function conceptsOf(stemmed: string): readonly string[] {
  return CONCEPTS.get(stemmed) ?? [];
}

/** Whether a stemmed word only qualifies a question (a place, a number) rather than saying what it is about. */
export function isModifier(stemmed: string): boolean {
  return PLACE_STEMS.has(stemmed) || /^\d+$/.test(stemmed);
}

/** Every stem the lexicon knows, so that typos can be corrected towards them. */
export function lexiconStems(): Iterable<string> {
  return CONCEPTS.keys();
}
