import { isSpellingOf } from "../../src/ingest/known-spellings";

describe("isSpellingOf: a misspelled name, not another person", () => {
  it.each([
    ["Xi Jingping", "Xi Jinping"],
    ["Patrica Kim", "Patricia Kim"],
    ["Micheal Osei", "Michael Osei"],
    ["Leif-Eric Easly", "Leif-Eric Easley"],
    ["Aleksandr Dubrovskiy", "Aleksandr Dubrovsky"],
  ])("%s is %s", (written, known) => expect(isSpellingOf(written, known)).toBe(true));

  it.each([
    ["Joan Smith", "John Smith"],
    ["Kim Jong-un", "Kim Jong-il"],
    ["Patricia Kim", "Patricia Kim"],
    ["Patricia Lim", "Patricia Kim"],
    ["Kim", "Patricia Kim"],
    ["Maria Lopes", "Mario Lopez"],
    ["Lloyd Austin", "Floyd Austin"],
  ])("%s is not %s", (written, known) => expect(isSpellingOf(written, known)).toBe(false));
});
