/**
 * Place names as sources write them, reduced to keys that two spellings of one
 * place share. Three levels, each looser than the one before:
 *
 * - fold: case, diacritics, apostrophes and punctuation folded; parenthetical
 *   notes dropped ("Jabal Bishri (Raqqa governorate)" → "jabal bishri").
 * - fingerprint: folded words without the Arabic article ("al-", "ash-", "ez-"
 *   … wherever it stands) and without settlement-type words ("town",
 *   "village", "city"); administrative words stay and are unified
 *   ("province" = "governorate"), because Idlib governorate is not Idlib city.
 * - skeleton: the fingerprint's consonants, after doubled letters are single,
 *   digraphs are one sound ("sh", "kh", "gh"), "th"/"dh"/"d" one letter, q is k, and a final
 *   ta marbuta ("-ah", "-at", "-et") is dropped: Latamenah, Latamneh and
 *   Lataminah are all "ltmn"; Idlib and Idleb "dlb"; Shaykhun and Sheikhoun "SXn".
 *
 * The skeleton is a blocking key, not a verdict: a short one ("hm" for Hama)
 * says too little, so names that share only a short skeleton must share their
 * light form as well (see `sameVariant`).
 */
import { wordTable } from "../util/word-table.js";

const ARTICLES = new Set(["al", "el", "il", "ul", "ar", "as", "ash", "ad", "adh", "az", "ez", "an", "at", "ath", "es", "er", "ed", "en", "et", "ad-", "l"]);

/** Words that say what kind of settlement a place is, not which place. */
const SETTLEMENT = new Set(["town", "village", "city", "hamlet", "neighbourhood", "neighborhood", "quarter", "ville"]);

/**
 * Common words of Arabic place names, each written several ways, unified:
 * Ain/Ein/Ayn (spring), Tal/Tell (hill), Deir/Dayr (monastery), Kafr/Kafar
 * (village), Khirbat/Khirbet (ruin), Umm/Um, Abu/Abo, Jabal/Jebel, Beit/Bayt.
 */
const TOPONYM_WORDS: Record<string, string> = wordTable(Object.fromEntries(
  Object.entries({
    ain: ["ain", "ein", "ayn", "ayin", "aïn"],
    tal: ["tal", "tall", "tell", "tel", "til"],
    dayr: ["deir", "dayr", "dair", "der", "deyr"],
    kafr: ["kafr", "kafar", "kfar", "kefr", "kufr"],
    khirbat: ["khirbat", "khirbet", "kherbet", "khirbit"],
    umm: ["umm", "um", "om", "oum"],
    abu: ["abu", "abo", "abou"],
    jabal: ["jabal", "jebel", "jabel", "jbel"],
    bayt: ["beit", "bayt", "bait", "beyt"],
    ras: ["ras", "rass"],
  }).flatMap(([unified, forms]) => forms.map((f) => [f, unified])),
));

/** Administrative words, unified; they stay in the key. */
const ADMIN: Record<string, string> = wordTable({
  governorate: "governorate",
  province: "governorate",
  muhafazat: "governorate",
  muhafaza: "governorate",
  wilayah: "governorate",
  region: "region",
  district: "district",
  subdistrict: "subdistrict",
  "sub-district": "subdistrict",
  nahiya: "subdistrict",
  countryside: "countryside",
  rif: "countryside",
  reef: "countryside",
});

/** Case, diacritics, apostrophes, punctuation; parenthetical notes and ", qualifiers" dropped ("Kafar Jana, Afrin"). */
export function foldPlace(name: string): string {
  const head = name.includes(",") && name.split(",")[0]!.trim() !== "" ? name.split(",")[0]! : name;
  return head
    .replace(/\([^)]*\)/g, " ")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`ʿʾ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The words of a folded name that say which place it is. */
export function placeWords(name: string): string[] {
  const words = foldPlace(name).split(" ").filter((w) => w !== "");
  // "village of Qara Mogh": the settlement word and its "of" go together.
  const kept = words
    .filter((w, i) => !ARTICLES.has(w) && !SETTLEMENT.has(w) && !(w === "of" && SETTLEMENT.has(words[i - 1] ?? "")))
    .map((w) => ADMIN[w] ?? TOPONYM_WORDS[w] ?? w);
  return kept.length > 0 ? kept : words;
}

/** Key-collision fingerprint: the words that say which place, in order, one space apart. */
export function fingerprint(name: string): string {
  return placeWords(name).join(" ");
}

/** One word's light form: doubled letters single, digraphs and q/k unified, vowels kept. */
function lightWord(word: string): string {
  return word
    .replace(/(.)\1+/g, "$1")
    .replace(/ou|oo/g, "u")
    .replace(/ee/g, "i")
    .replace(/ph/g, "f")
    .replace(/dh/g, "th")
    .replace(/q/g, "k")
    .replace(/ck/g, "k")
    .replace(/(?<=[aeiou])h$/, "");
}

/** The fingerprint with each word in its light form ("hamah" → "hama", "maarrat" → "marat"). */
export function lightForm(name: string): string {
  return placeWords(name).map(lightWord).join(" ");
}

/** One word's consonant skeleton. */
function skeletonWord(word: string): string {
  if (/^\d+$/.test(word)) return word;
  return lightWord(word)
    .replace(/sh/g, "S")
    .replace(/kh/g, "X")
    .replace(/gh/g, "G")
    .replace(/th/g, "d") // ذ is written dh, th or d: Dhiban, Thiban, Diban
    .replace(/(?<=[aeiouy])[th]$/, "") // ta marbuta: -at, -et, -ah, -eh
    .replace(/[aeiouyw]/g, "");
}

/** The consonant skeleton of a name, words run together ("Kafr Nabl" and "Kafranbel" both "kfrnbl"). */
export function skeleton(name: string): string {
  return placeWords(name).map(skeletonWord).join("");
}

/** Names whose skeletons are this short must also share their light form. */
const SHORT_SKELETON = 3;
/**
 * Names whose skeletons are this short (but not shorter) must also have as many
 * words: three consonants say little on their own ("Ain al-Arab" and "Nairab"
 * are both n-r-b), while "Idlib"/"Edlib", "Homs"/"Hims" and "Msyaf"/"Masyaf"
 * differ only in their vowels.
 */
const LOOSE_SKELETON = 4;

/**
 * Are two names with the same skeleton the same place, as a transliteration
 * variant? Yes when the skeleton is long enough to say which place, or when
 * their light forms agree; administrative words must agree either way.
 */
export function sameVariant(a: string, b: string): boolean {
  return sameVariantKeys(variantKeys(a), variantKeys(b));
}

/** What sameVariant compares of a name, computed once per name when many pairs are compared. */
export interface VariantKeys {
  skeleton: string;
  light: string;
  admin: string;
  /** How many words: what a short skeleton must also share. */
  words: number;
}

export function variantKeys(name: string): VariantKeys {
  const words = placeWords(name);
  return {
    skeleton: skeleton(name),
    light: lightForm(name),
    admin: words.filter(isAdminLevelWord).join(" "),
    // A one-letter word ("a-Dakana", an article with a letter lost) is not a word of the name.
    words: words.filter((w) => w.length > 1).length,
  };
}

export function sameVariantKeys(a: VariantKeys, b: VariantKeys): boolean {
  if (a.skeleton !== b.skeleton || a.admin !== b.admin) return false;
  if (a.light === b.light) return true;
  if (a.skeleton.length < SHORT_SKELETON) return false;
  return a.skeleton.length >= LOOSE_SKELETON || a.words === b.words;
}

const ADMIN_LEVELS: ReadonlySet<string> = new Set(Object.values(ADMIN));

function isAdminLevelWord(word: string): boolean {
  return ADMIN_LEVELS.has(word);
}
