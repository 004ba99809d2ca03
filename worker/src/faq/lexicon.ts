/**
 * Customer-support vocabulary in English, Spanish and German, grouped by meaning. Retrieval adds
 * a group's concept to every word of it, so "parcel", "pedido" and "Bestellung" all find an FAQ
 * entry about orders, whatever language the FAQ is written in. General support and e-commerce
 * words only: an FAQ's own subject matter is matched through its own words.
 */
import { foldText, stem } from "./text-analysis";

const GROUPS: Record<string, string> = {
  password:
    "password passwords passcode pin login logon signin credentials contraseña contraseñas clave passwort kennwort anmelden anmeldung einloggen login",
  reset:
    "reset forgot forgotten forget remember recover lost restablecer recuperar olvidé olvide olvidado olvidar perdí recordar zurücksetzen vergessen wiederherstellen",
  factoryReset: "factory reset restore reboot reinicio reiniciar restaurar werkseinstellungen zurücksetzen neustart",
  account: "account accounts profile user cuenta perfil usuario konto kundenkonto profil benutzer",
  signout: "logged signed kicked logout signout sesión cerrada abgemeldet ausgeloggt",
  delete: "delete deleting erase remove close closing wipe borrar eliminar cerrar suprimir löschen entfernen schließen",
  family:
    "family wife husband partner spouse kids children child son daughter roommate household members member invite familia esposa esposo pareja hijos miembros invitar familie frau mann partnerin kinder mitglieder einladen",
  transfer: "transfer hand handover ownership owner buyer transferir propietario dueño übertragen eigentümer besitzer",
  shipping:
    "ship ships shipping shipped shipment dispatch dispatched deliver delivery delivered deliveries arrive arrives arrival courier carrier postage post mail envío envio envíos envios enviar envían envian entrega entregar llegar llega llegue despacho mensajero versand versenden verschicken versendet liefern liefert lieferung zustellung ankommen kommt kurier zusteller send sends sent receive received recibir recibo erhalten bekommen",
  duration:
    "long days weeks soon quickly fast long tiempo tarda tardan tardar demora días dias semanas rápido cuándo cuando dauer dauert lange tage wochen schnell wann",
  cost: "cost costs price prices priced fee fees charge charges cheap cheaper expensive free pay paying cuesta cuestan cuánto cuanto precio precios coste costo gratis tarifa cobran kosten kostet preis preise gebühr gebühren teuer kostenlos gratis",
  abroad:
    "international internationally abroad overseas worldwide foreign country countries internacional extranjero país pais países paises ausland international länder land",
  tracking:
    "track tracking trace status where whereabouts transit rastrear rastreo seguimiento localizar dónde donde verfolgen sendungsverfolgung sendung verfolgung wo",
  order:
    "order orders ordered buy bought purchase purchased purchases parcel parcels package packages shipment pedido pedidos compra compras compré paquete paquetes bestellung bestellungen bestellt paket pakete kauf gekauft",
  subscription:
    "subscription subscriptions subscribe subscribed membership plan suscripción suscripcion suscripciones suscrito membresía abonnement abo abonniert mitgliedschaft",
  cancel:
    "cancel cancels cancelled canceled cancellation unsubscribe terminate stop quit cancelar cancelación cancelacion anular baja kündigen kundigen kündigung stornieren beenden abbestellen",
  pause:
    "pause skip hold postpone vacation holiday break travelling traveling away pausar pausa saltar omitir posponer vacaciones pausieren aussetzen überspringen verschieben urlaub",
  change:
    "change changes modify update switch edit swap cambiar cambio modificar actualizar editar ändern andern änderung wechseln aktualisieren bearbeiten",
  exchange: "exchange swap cambiar canjear reemplazar umtauschen umtausch tauschen ersetzen",
  refund:
    "refund refunds refunded reimburse reimbursement money devolver devolución devolucion reembolso reembolsar dinero rückerstattung erstattung erstatten geld zurück",
  return:
    "return returns returned returning devolver devolución devolucion devoluciones retorno zurückschicken zurücksenden rücksendung rückgabe zurückgeben retoure",
  damaged:
    "damaged damage broken broke crushed cracked torn spilled leaking dented shattered defective dañado dañada roto rota rompió estropeado beschädigt kaputt zerbrochen defekt",
  missing: "missing lost incomplete falta faltan perdido incompleto fehlt fehlen fehlend unvollständig",
  wrong: "wrong instead incorrect mistake equivocado incorrecto error erróneo falsch fehler anderes",
  warranty:
    "warranty guarantee guaranteed guaranty covered coverage defect defective stopped working garantía garantia cubierto garantie gewährleistung",
  payment:
    "pay paying payment payments card cards credit debit paypal visa mastercard amex apple bitcoin crypto cryptocurrency pago pagos pagar tarjeta tarjetas crédito credito criptomonedas zahlen zahlung zahlungsart zahlungsarten zahlungsmethode bezahlen bezahlung karte kreditkarte",
  installments:
    "installments instalments installment finance financing split klarna affirm plazos cuotas financiación mensualidades raten ratenzahlung finanzierung",
  declined: "declined rejected refused failed denied rechazada rechazado denegada abgelehnt fehlgeschlagen",
  invoice:
    "invoice invoices receipt receipts bill vat tax factura facturas recibo rechnung rechnungen quittung beleg mwst",
  discount:
    "discount discounts coupon coupons promo deal sale offer rebate descuento descuentos cupón cupon código codigo oferta rabatt rabatte gutscheincode aktion angebot",
  address:
    "address addresses moved move location dirección direccion domicilio mudanza adresse anschrift lieferadresse umzug umgezogen",
  email:
    "email emails mail inbox mailbox spam newsletter newsletters correo correos bandeja boletín postfach posteingang",
  gift: "gift gifts present presents voucher vouchers giftcard regalo regalos regalar obsequio tarjeta geschenk geschenke gutschein gutscheine verschenken",
  method:
    "method methods way ways option options forma formas método metodo métodos metodos opción opciones art arten möglichkeit möglichkeiten",
  person:
    "human person people agent representative someone talk speak call phone telephone contact reach customer service support helpdesk hotline team humano persona agente alguien hablar llamar teléfono telefono contacto contactar comunicarme atención cliente soporte mensch erreichen mitarbeiter sprechen anrufen telefon kontakt kundenservice kundendienst support",
  store:
    "shop shops physical retail showroom location branch tienda tiendas local físico fisica geschäft geschäfte laden filiale",
  business:
    "business businesses company companies bulk wholesale volume office offices corporate b2b empresa empresas negocio mayorista oficina firma firmen unternehmen großhandel büro",
  job: "job jobs career careers hiring hire work employment vacancy vacancies position positions empleo trabajo vacante vacantes job jobs stelle stellen karriere arbeit",
  stock:
    "stock available availability restock sold out back disponible agotado existencias lager verfügbar ausverkauft vorrätig",
  preorder:
    "preorder pre reserve reservation launch launches release released upcoming reservar lanzamiento vorbestellen vorbestellung reservieren",
  student:
    "student students college university teacher military veteran estudiante estudiantes universidad student studenten studentenrabatt universität",
  privacy:
    "privacy private data personal information gdpr share sharing advertisers privacidad datos personales información datenschutz daten persönliche",
  video:
    "video videos recording recordings clip clips footage vídeo vídeos grabación grabaciones video videos aufnahme aufnahmen",
  storage: "stored storage saved kept server cloud guardar guardado almacenado speichern gespeichert gespeichert",
  app: "app apps application iphone android mobile aplicación aplicacion móvil anwendung handy",
  crash:
    "crash crashes crashing closes freezes freeze quits stuck bloquea cierra congela abstürzt stürzt schließt hängt",
  notification:
    "notification notifications alert alerts push notificación notificaciones alertas aviso benachrichtigung benachrichtigungen mitteilung",
  automation:
    "automation automations automatic automatically routine schedule scheduled timer sunset sunrise automatización automático programar automatisierung automatisch zeitplan",
  wifi: "wifi wi fi wireless router network ghz connect connecting connection join red conectar conexión conexion verbinden verbindung netzwerk wlan",
  internet: "internet offline online outage cloud sin internet ohne",
  power:
    "power watts watt wattage consumption electricity energy draw uses consumo energía energia vatios potencia strom stromverbrauch verbrauch leistung energie",
  outage: "outage blackout cut electricity power apagón corte stromausfall",
  battery:
    "battery batteries charge charging recharge rechargeable life last lasts batería baterías bateria cargar carga akku batterie batterien laden aufladen",
  size: "dimensions dimension size sizes big large small tall wide weight weighs measure measures medidas tamaño dimensiones peso grande größe abmessungen gewicht groß maße",
  outdoor:
    "outdoor outdoors outside exterior rain waterproof weatherproof water garden patio exterior intemperie lluvia impermeable draußen außen außenbereich freien regen wasserdicht",
  box: "contents included include includes accessories comes caja contenido incluye accesorios lieferumfang enthalten zubehör",
  setup:
    "setup install installation installing configure pair pairing instalar instalación configurar emparejar einrichten installieren einrichtung setup",
  install:
    "installation installer electrician professional technician fit fitting mount instalación electricista técnico installation elektriker montage",
  firmware:
    "firmware software update updates upgrade latest version actualización actualizar aktualisierung update firmware",
  compatible:
    "compatible compatibility alexa siri google homekit assistant voice compatible funciona kompatibel funktioniert sprachassistent",
  lights:
    "light lights led blinking flashing blink flash solid pulsing color colour luz luces parpadea parpadeando licht leuchtet blinkt lämpchen",
  serial: "serial number model número serie seriennummer",
  recycle: "recycle recycling dispose disposal rid reciclar reciclaje entsorgen recycling",
  tradein: "trade secondhand usado usados gebraucht",
  sell: "sell sells selling sold vender venden vendes vendéis verkaufen verkauft verkauf",
  accessibility:
    "accessibility accessible disability disabilities blind screen reader voiceover talkback deaf accesibilidad barrierefreiheit barrierefrei",
  review: "review reviews rating ratings opinión reseña bewertung bewertungen",
  referral: "referral refer friend friends invite recomendar amigo empfehlen freund freunde",
  security: "security vulnerability bug exploit hack hacked seguridad vulnerabilidad sicherheit sicherheitslücke",
  eco: "environment environmental sustainable sustainability packaging recyclable plastic carbon eco green medioambiente sostenible embalaje umwelt nachhaltig verpackung",
  location: "located location headquarters based office company ubicados sede sitz standort",
  customs: "customs duties duty import taxes tax vat aduana aranceles impuestos zoll zölle einfuhr steuern",
  weekend: "weekend weekends saturday sunday sábado domingo wochenende samstag sonntag",
  signature: "signature sign firma unterschrift unterschreiben",
  pickup: "pickup locker lockers collect collection point recoger taquilla punto abholen abholung packstation",
  absent: "away absent nobody missed casa nadie ausente niemand hause",
  military: "military apo fpo army stationed militar militär",
  price_match: "match matching cheaper competitor igualar günstiger",
  accept: "accept accepted accepts take aceptan aceptar aceptais acepta akzeptiert akzeptieren akzeptiere nehmt",
  device:
    "device devices gadget gadgets appliance appliances product products item items unit units dispositivo dispositivos aparato aparatos producto productos artículo artículos gerät geräte produkt produkte artikel",
  home: "home homes house houses apartment flat cabin place places property casa casas hogar vivienda piso apartamento haus häuser wohnung zuhause ferienhaus",
  camera: "camera cameras cam cams webcam cámara cámaras kamera kameras",
  lock: "lock locks deadbolt cerradura cerraduras schloss schlösser türschloss",
  filter: "filter filters filtro filtros filtern",
  vacuum: "vacuum vacuums hoover aspiradora aspirador aspiradoras staubsauger saugroboter",
  doorbell: "doorbell doorbells timbre timbres türklingel klingel",
  bulb: "bulb bulbs lamp lamps bombilla bombillas lámpara lámparas foco focos glühbirne glühbirnen lampe lampen birne",
  plug: "plug plugs socket outlet enchufe enchufes toma stecker steckdose steckdosen zwischenstecker",
  speaker: "speaker speakers altavoz altavoces parlante lautsprecher",
  charger: "charger chargers cargador cargadores ladegerät ladegeräte netzteil",
  remote: "remote remotes mando fernbedienung",
  screen: "screen display pantalla bildschirm anzeige",
  color:
    "color colour colors colours white black red blue green colores blanco negro rojo azul verde farbe farben weiß schwarz rot blau grün",
  limit:
    "limit limits maximum max many number count capacity límite máximo cuantos cuántos grenze maximal maximum anzahl",
  notWorking:
    "invalid work working works broken fails failing failed error problem issue wrong inválido funciona falla problema ungültig funktioniert fehler problem",
  placement:
    "spot place placement put position mount mounting location where lugar colocar poner ubicación montar platz stelle aufstellen anbringen montieren",
  yearly: "yearly annual annually year years anual anualmente año jährlich jahr",
  priceDrop:
    "drop dropped drops lower lowered reduced cheaper sale discounted baja bajó rebaja rebajado günstiger reduziert gesenkt",
  freshness:
    "fresh freshness fridge freezer refrigerate conservar fresco frescura nevera congelador aufbewahren lagern frisch kühlschrank",
  caffeine: "decaf decaffeinated caffeine descafeinado cafeína cafeina entkoffeiniert koffein koffeinfrei",
  ethics:
    "organic fair fairtrade ethical ethically sustainable sustainably sourced orgánico organico ecológico ecologico justo sostenible bio biologisch nachhaltig fair",
};

/**
 * Places say where, not what: they belong to the "abroad" concept, but a question that matches
 * an entry only through a place ("What is the capital of Australia?") is not answered by it.
 */
const PLACES: string[] = [
  "canada canadá kanada",
  "mexico méxico mexiko",
  "usa america us estados unidos amerika vereinigte staaten",
  "uk britain england scotland wales reino unido inglaterra großbritannien england",
  "ireland irlanda irland",
  "germany alemania deutschland",
  "austria österreich",
  "switzerland suiza schweiz",
  "france francia frankreich",
  "spain españa spanien",
  "portugal",
  "italy italia italien",
  "netherlands holland países bajos holanda niederlande",
  "belgium bélgica belgien",
  "luxembourg luxemburgo luxemburg",
  "denmark dinamarca dänemark",
  "sweden suecia schweden",
  "norway noruega norwegen",
  "finland finlandia finnland",
  "poland polonia polen",
  "czechia czech república checa tschechien",
  "greece grecia griechenland",
  "australia australien",
  "zealand zelanda neuseeland",
  "japan japón japon",
  "korea corea",
  "china",
  "india indien",
  "singapore singapur",
  "israel",
  "emirates uae dubai abu dhabi emiratos emirate",
  "brazil brasil brasilien",
  "chile",
  "argentina argentinien",
  "russia rusia russland",
  "turkey turquía türkei",
  "africa áfrica afrika",
  "asia asien",
  "europe eu europa",
  "london londres paris parís berlin berlín madrid rome roma rom tokyo tokio toronto sydney",
];
/** Stem → the concepts it belongs to, as `#concept` terms. */
const CONCEPTS: ReadonlyMap<string, readonly string[]> = buildConcepts();
const PLACE_STEMS: ReadonlySet<string> = new Set(
  PLACES.join(" ")
    .split(" ")
    .map((word) => stem(foldText(word))),
);

function buildConcepts(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const places = Object.fromEntries(PLACES.map((names, i) => [`place${i}`, names]));
  for (const [concept, list] of Object.entries({
    ...GROUPS,
    ...places,
    abroad: `${GROUPS.abroad} ${PLACES.join(" ")}`,
  })) {
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

/**
 * Verbs that every kind of question uses ("Do you sell…?"): like places, they add to a match but
 * cannot carry one alone, or "Do you sell laptops?" would get the entry "Do you sell gift cards?".
 */
const GENERIC_STEMS: ReadonlySet<string> = new Set((GROUPS.sell ?? "").split(" ").map((word) => stem(foldText(word))));

/** Whether a stemmed word only qualifies a question (a place, a number, a generic verb) rather than saying what it is about. */
export function isModifier(stemmed: string): boolean {
  return PLACE_STEMS.has(stemmed) || GENERIC_STEMS.has(stemmed) || /^\d+$/.test(stemmed);
}

/** Every word the lexicon knows, folded, so that typos can be corrected towards them. */
export function lexiconWords(): string[] {
  return [...Object.values(GROUPS), ...PLACES].flatMap((list) => foldText(list).split(" "));
}

/**
 * What a question asks for, from the question words that stop-word removal drops ("where is my
 * parcel" asks where it is; "how long" asks for a duration): `[pattern on folded text, concepts,
 * stems the pattern stands for]`. They add to a match but, like places, cannot carry one alone.
 */
const INTENTS: [pattern: RegExp, concepts: string[], replaces: string[]][] = [
  [/\b(where|wheres|donde|wo)\b/, ["#tracking", "#location"], []],
  [/\b(how much|cuanto cuesta|cuanto vale|wie viel|was kostet)\b/, ["#cost"], []],
  [/\b(how long|cuanto tiempo|cuanto tarda|cuanto dura|wie lange)\b/, ["#duration"], ["long", "lang"]],
  [/\b(when|cuando|wann)\b/, ["#duration"], []],
  [
    /\b(send|sent|ship|give|bring|take|mail)\w* (it |this |them |that |\w+ )?back\b|\bzuruck(schicken|senden|geben)\b/,
    ["#return"],
    ["send", "sent", "ship", "giv", "bring", "tak", "mail"],
  ],
  // German separable verbs: "setze … zurück" is "zurücksetzen", "melde … ab" is "abmelden".
  [/\bsetz\w* (\w+ ){0,4}zuruck\b/, ["#reset"], ["setz", "zuruck"]],
  [/\bmeld\w* (\w+ ){0,4}ab\b/, ["#cancel"], ["meld", "ab"]],
  // "In person" is about a place to go, not about talking to someone.
  [/\b(in person|en persona|personlich|vor ort)\b/, ["#store"], ["person", "personlich"]],
  [/\b(money|refund|pay\w*) back\b|\bback my money\b|\bgeld zuruck\b/, ["#refund"], []],
];

/** The concepts a question asks for by its question words, and the stems those words replace. */
export function intentsOf(folded: string): { concepts: string[]; replaces: string[] }[] {
  return INTENTS.filter(([pattern]) => pattern.test(folded)).map(([, concepts, replaces]) => ({ concepts, replaces }));
}
