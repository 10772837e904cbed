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
 *   digraphs are one sound ("sh", "kh", "gh", "th"/"dh"), q is k, and a final
 *   ta marbuta ("-ah", "-at", "-et") is dropped: Latamenah, Latamneh and
 *   Lataminah are all "ltmn"; Idlib and Idleb "dlb"; Shaykhun and Sheikhoun "SXn".
 *
 * The skeleton is a blocking key, not a verdict: a short one ("hm" for Hama)
 * says too little, so names that share only a short skeleton must share their
 * light form as well (see `sameVariant`).
 */

const ARTICLES = new Set(["al", "el", "il", "ul", "ar", "as", "ash", "ad", "adh", "az", "ez", "an", "at", "ath", "es", "er", "ed", "en", "et", "ad-", "l"]);

/** Words that say what kind of settlement a place is, not which place. */
const SETTLEMENT = new Set(["town", "village", "city", "hamlet", "neighbourhood", "neighborhood", "quarter", "district of", "ville", "village of", "town of", "city of"]);

/** Administrative words, unified; they stay in the key. */
const ADMIN: Record<string, string> = {
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
};

export function isAdminWord(word: string): boolean {
  return Object.hasOwn(ADMIN, word);
}

/** Case, diacritics, apostrophes, punctuation; parenthetical notes dropped. */
export function foldPlace(name: string): string {
  return name
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
  const kept = words.filter((w) => !ARTICLES.has(w) && !SETTLEMENT.has(w)).map((w) => ADMIN[w] ?? w);
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
    .replace(/th/g, "T")
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
 * Are two names with the same skeleton the same place, as a transliteration
 * variant? Yes when the skeleton is long enough to say which place, or when
 * their light forms agree; administrative words must agree either way.
 */
export function sameVariant(a: string, b: string): boolean {
  const sa = skeleton(a);
  if (sa !== skeleton(b)) return false;
  const adminA = placeWords(a).filter(isAdminLevelWord).join(" ");
  const adminB = placeWords(b).filter(isAdminLevelWord).join(" ");
  if (adminA !== adminB) return false;
  return sa.length >= SHORT_SKELETON || lightForm(a) === lightForm(b);
}

function isAdminLevelWord(word: string): boolean {
  return Object.values(ADMIN).includes(word);
}
