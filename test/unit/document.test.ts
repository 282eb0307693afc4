import fs from "node:fs";
import path from "node:path";
import { DEMO_DATA } from "../../src/demo/demo-data";
import { firstSentence, isLeadParagraph, parseDocument } from "../../src/ingest/document";
import { contentKey } from "../../src/article/content-key";

const REFERENCE = fs.readFileSync(path.join(__dirname, "../fixtures/top-us-officials-in-asia.txt"), "utf8");
const html = (name: string) => fs.readFileSync(path.join(__dirname, "../fixtures/html", name), "utf8");
const demo = DEMO_DATA.article;

describe("text: the reference article", () => {
  const doc = parseDocument({ text: REFERENCE, publisher: "VOA" }, "text");

  test("the body is exactly the demo body: furniture, headline and captions out, the section heading kept", () => {
    expect(doc.body).toBe(demo.body);
    expect(doc.body).not.toMatch(/Accessibility links|Breaking News/);
  });

  test("headline, sections, and two captions with the repeated one collapsed", () => {
    expect(doc.headline).toBe(demo.headline);
    expect(doc.sections).toEqual(demo.sections);
    expect(doc.images).toEqual(demo.images.map(({ caption, credit, url }) => ({ caption, credit, url })));
  });

  test("without a date line, publishedAt is inferred from the printed dates and weekdays, with a warning", () => {
    expect(doc.publishedAt?.toISOString().slice(0, 10)).toBe("2021-03-14");
    expect(doc.warnings.join(" ")).toMatch(/publishedAt inferred .*March 11, 2021/);
    expect(doc.publisher).toBe("VOA");
  });

  test("a given publication date and url win", () => {
    const given = parseDocument({ text: REFERENCE, publishedAt: new Date("2021-03-13T10:00:00Z"), url: "https://x.example/a" }, "text");
    expect(given.publishedAt).toEqual(new Date("2021-03-13T10:00:00Z"));
    expect(given.url).toBe("https://x.example/a");
    expect(given.warnings).toEqual([]);
  });

  test("CRLF line endings give the same document", () => {
    const crlf = parseDocument({ text: REFERENCE.replace(/\n/g, "\r\n"), publisher: "VOA" }, "text");
    expect(crlf).toEqual(doc);
  });
});

describe("text: other shapes", () => {
  test("byline, date line, dateline and a credited caption", () => {
    const text = [
      "Skip to main content",
      "Share",
      "Flooding closes schools across northern Italy",
      "By Giulia Bianchi and Marco Rossi, Associated Press",
      "Published March 3, 2024 10:15 AM EST",
      "Rescuers search a flooded street in Faenza, Italy, Saturday, March 2, 2024. (AP Photo/Luca Bruno)",
      "FAENZA, Italy (AP) — Schools across northern Italy stayed closed Monday after two days of torrential rain.",
      "Advertisement",
      "Officials said the river crested overnight.",
      "Read more",
    ].join("\n\n");
    const doc = parseDocument({ text }, "text");
    expect(doc.headline).toBe("Flooding closes schools across northern Italy");
    expect(doc.bylines).toEqual(["Giulia Bianchi", "Marco Rossi"]);
    expect(doc.publishedAt?.toISOString().slice(0, 10)).toBe("2024-03-03");
    expect(doc.images).toEqual([{ caption: "Rescuers search a flooded street in Faenza, Italy, Saturday, March 2, 2024.", credit: "AP Photo/Luca Bruno", url: null }]);
    expect(doc.body).toBe("FAENZA, Italy (AP) — Schools across northern Italy stayed closed Monday after two days of torrential rain.\n\nOfficials said the river crested overnight.");
    expect(doc.dateline).toEqual({ text: "FAENZA, Italy (AP) —", place: "Faenza, Italy", agency: "AP" });
    expect(doc.warnings).toEqual([]);
  });

  test("furniture in other words: cookie banner, newsletter pitch, share buttons, reporting credits", () => {
    const text = [
      "We use cookies to personalise content and ads. Accept all cookies",
      "Central bank holds rates steady",
      "Tweet",
      "Print this article",
      "WASHINGTON — The Federal Reserve left interest rates unchanged on Wednesday.",
      "Sign up for our daily newsletter to get the latest business news.",
      "Markets rose after the decision.",
      "Reporting by Ann Lee; Editing by Tom Hart",
    ].join("\n\n");
    const doc = parseDocument({ text, publishedAt: new Date("2024-06-12T20:00:00Z") }, "text");
    expect(doc.headline).toBe("Central bank holds rates steady");
    expect(doc.body).toBe("WASHINGTON — The Federal Reserve left interest rates unchanged on Wednesday.\n\nMarkets rose after the decision.");
    expect(doc.dateline?.place).toBe("Washington");
  });

  test("only a headline and one paragraph, no captions, no dates", () => {
    const doc = parseDocument({ text: "Town library reopens\n\nThe library reopened after repairs to its roof." }, "text");
    expect(doc.headline).toBe("Town library reopens");
    expect(doc.body).toBe("The library reopened after repairs to its roof.");
    expect(doc.sections).toEqual(["Town library reopens"]);
    expect(doc.images).toEqual([]);
    expect(doc.publishedAt).toBeNull();
    expect(doc.warnings).toEqual([expect.stringMatching(/publishedAt unknown/)]);
  });

  test("hard-wrapped paragraphs are joined; a heading needs a paragraph after it", () => {
    const text = "Storm hits coast\n\nThe storm reached the coast\nlate on Tuesday, officials\nsaid.\n\nDamage\n\nRoofs were torn off.\n\nMore stories";
    const doc = parseDocument({ text }, "text");
    expect(doc.body).toBe("The storm reached the coast late on Tuesday, officials said.\n\nDamage\n\nRoofs were torn off.");
    expect(doc.sections).toEqual(["Storm hits coast", "Damage"]);
  });
});

describe("html", () => {
  test("the reference as a web page gives the same body, sections and captions as the text", () => {
    const doc = parseDocument({ html: html("top-us-officials-in-asia.html") }, "html");
    expect(doc.body).toBe(demo.body);
    expect(doc.headline).toBe(demo.headline);
    expect(doc.sections).toEqual(demo.sections);
    expect(doc.images.map((i) => i.caption)).toEqual(demo.images.map((i) => i.caption));
    expect(doc.images[0]!.url).toBe("https://gdb.voanews.com/blinken-senate.jpg");
    expect(doc.publishedAt).toEqual(new Date("2021-03-14T12:00:00Z"));
    expect(doc.publisher).toBe("VOA");
    expect(doc.url).toBe(demo.url);
  });

  test("a wire page: meta tags, byline block, credits, an h3 section, ads, newsletter and related links gone", () => {
    const doc = parseDocument({ html: html("wire-transit-vote.html") }, "html");
    expect(doc.headline).toBe("Harbor City council backs $2 billion light rail plan");
    expect(doc.sections).toEqual([doc.headline, "Referendum ahead"]);
    expect(doc.bylines).toEqual(["Maria Delgado", "Tom Okafor"]);
    expect(doc.publishedAt).toEqual(new Date("2024-05-08T22:45:00Z"));
    expect(doc.publisher).toBe("Coastal Ledger");
    expect(doc.url).toBe("https://www.coastalledger.example/news/2024/05/08/harbor-city-light-rail");
    expect(doc.images).toEqual([
      { caption: "Residents wait to speak at a council hearing on the light rail plan in Harbor City, May 7, 2024.", credit: "Coastal Ledger Photo/Ana Ruiz", url: "https://cdn.coastalledger.example/img/rail-hearing.jpg" },
      { caption: "A map of the proposed light rail route, released by the city May 3, 2024.", credit: "City of Harbor City", url: "https://cdn.coastalledger.example/img/rail-map.png" },
    ]);
    const paragraphs = doc.body.split("\n\n");
    expect(paragraphs).toHaveLength(8);
    expect(paragraphs[0]).toMatch(/^HARBOR CITY, Calif\. \(CL\) — The Harbor City Council voted 7-2/);
    expect(doc.body).not.toMatch(/cookie|newsletter|Advertisement|Port expansion|Topics:|Trending|Subscribe/i);
    expect(doc.dateline).toMatchObject({ place: "Harbor City, Calif.", agency: "CL" });
  });

  test("JSON-LD @graph metadata, a lead meta line, h2 sections and a small-print credit", () => {
    const doc = parseDocument({ html: html("summit-jsonld.html") }, "html");
    expect(doc.headline).toBe("African ministers open climate finance summit in Nairobi");
    expect(doc.publishedAt).toEqual(new Date("2023-09-04T06:30:00Z"));
    expect(doc.publisher).toBe("Global Desk");
    expect(doc.url).toBe("https://globaldesk.example/world/africa/climate-finance-summit-nairobi");
    expect(doc.bylines).toEqual(["Wanjiru Kamau"]);
    expect(doc.sections).toEqual([doc.headline, "A common position", "Protests outside"]);
    expect(doc.images).toEqual([
      {
        caption: "Kenyan President William Ruto addresses delegates at the opening of the summit at the Kenyatta International Convention Centre in Nairobi, Sept. 4, 2023.",
        credit: "Luis Tato/AFP",
        url: "https://globaldesk.example/media/summit-opening.jpg",
      },
    ]);
    expect(doc.body.split("\n\n")[0]).toMatch(/^NAIROBI, Kenya — Environment and finance ministers/);
    expect(doc.body).not.toMatch(/Skip to content|Facebook|More from Global Desk|Advertisement|Copyright/);
  });

  test("raw values win over the page's metadata", () => {
    const doc = parseDocument({ html: html("summit-jsonld.html"), publisher: "GD", url: "https://mirror.example/a", publishedAt: new Date("2023-09-05T00:00:00Z") }, "html");
    expect([doc.publisher, doc.url, doc.publishedAt]).toEqual(["GD", "https://mirror.example/a", new Date("2023-09-05T00:00:00Z")]);
  });
});

describe("text without a title line, and the content key", () => {
  test("the first sentence is the headline (not cut at Mr. or U.S.), with a warning; the paragraph stays in the body", () => {
    const lead =
      "Mr. Okoro told the U.S. delegation on Friday that the northern road would reopen by June, after months in which traders had carried goods on foot across the hills and the market had closed twice. Talks resume next week.";
    const doc = parseDocument({ text: `${lead}\n\nThe delegation left on Saturday.\n` }, "text");
    const first = "Mr. Okoro told the U.S. delegation on Friday that the northern road would reopen by June, after months in which traders had carried goods on foot across the hills and the market had closed twice.";
    expect(doc.headline).toBe(first);
    expect(doc.body.startsWith(lead)).toBe(true);
    expect(doc.warnings).toContain(`no title line: the headline is the first sentence, "${first}" (give --headline to set one)`);
  });

  test("a short lead paragraph (a sentence ending in a full stop) is not taken for a title line: it stays in the body", () => {
    const lead = "Coach Ana Ruiz said on Friday that her side would travel to the final without its captain.";
    const doc = parseDocument({ text: `${lead}\n\n"We will manage," Ruiz said.\n` }, "text");
    expect(doc.headline).toBe(lead);
    expect(doc.body.startsWith(lead)).toBe(true);
    expect(doc.warnings.some((w) => w.startsWith("no title line"))).toBe(true);
    // A real title line still is one.
    const titled = parseDocument({ text: `Ruiz names her side for the final\n\n${lead}\n` }, "text");
    expect(titled.headline).toBe("Ruiz names her side for the final");
    expect(titled.body.startsWith(lead)).toBe(true);
    expect([isLeadParagraph("Port reopens after storm"), isLeadParagraph("U.S. and Japan agree on talks."), isLeadParagraph(lead)]).toEqual([false, false, true]);
  });

  test("a first sentence over 300 characters is cut at a word, with an ellipsis", () => {
    const long = `${"The committee heard evidence from growers and shippers ".repeat(8).trim()} on Monday.`;
    const h = firstSentence(long);
    expect(h.length).toBeLessThanOrEqual(301);
    expect(h.endsWith("…")).toBe(true);
    expect(long.startsWith(h.slice(0, -1))).toBe(true);
  });

  test("the key depends on the body (white space aside) and the publisher (case aside), nothing else", () => {
    const k = contentKey("Two  paragraphs.\n\nOf text.", "Riverside Courier");
    expect(k).toMatch(/^urn:newsgraph:text:[0-9a-f]{64}$/);
    expect(contentKey("Two paragraphs. Of text.", " riverside courier ")).toBe(k);
    expect(contentKey("Two paragraphs. Of text!", "Riverside Courier")).not.toBe(k);
    expect(contentKey("Two paragraphs. Of text.", "Valley Post")).not.toBe(k);
    expect(contentKey("Two paragraphs. Of text.", null)).not.toBe(k);
  });
});
