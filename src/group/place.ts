/** Arabic articles as transliterated, with sun-letter assimilation; dropped wherever they stand as a word. */
const ARTICLES = new Set(["al", "el", "il", "ul", "ar", "as", "ash", "ad", "adh", "az", "ez", "an", "at", "ath", "es", "er", "ed", "en", "et"]);

/**
 * The key two place names must share to be the same place: case, diacritics,
 * apostrophes and punctuation folded, and the Arabic article dropped
 * ("Ma'arrat al-Nu'man" and "maarrat an-numan" both become "maarrat numan").
 */
export function placeKey(name: string): string {
  const folded = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`ʿʾ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  const words = folded.split(" ").filter((w) => w !== "" && !ARTICLES.has(w));
  return words.length > 0 ? words.join(" ") : folded;
}
