import { extractEntities } from "../../src/ingest/extract/entities";
import { docOf } from "./extract-fixtures";

/** Rules fixed after the held-out articles (test/fixtures/heldout), on sentences written for the test. */
describe("quotes in single quotation marks (British style)", () => {
  test("curly and straight single marks are quotes; apostrophes inside words do not end them", () => {
    const { quotes } = extractEntities(
      docOf([
        "Tom Hargreaves, the MP for Stroud, said: ‘We can’t keep asking councils to do more with less.’",
        "'There's no money left in the pot,' Mr Hargreaves said. 'Nobody's pretending otherwise.'",
      ]),
    );
    expect(quotes.map((q) => [q.text, q.speaker?.name])).toEqual([
      ["We can’t keep asking councils to do more with less.", "Tom Hargreaves"],
      ["There's no money left in the pot", "Tom Hargreaves"],
      ["Nobody's pretending otherwise.", "Tom Hargreaves"],
    ]);
  });

  test("a plural possessive is not a closing mark when the quotation closes later", () => {
    const { quotes } = extractEntities(docOf(["Ruth Ellery said: 'The farmers' costs have doubled since spring.'"]));
    expect(quotes.map((q) => q.text)).toEqual(["The farmers' costs have doubled since spring."]);
  });

  test("single marks inside a double-quoted passage stay part of it", () => {
    const { quotes } = extractEntities(docOf(["“She told me, ‘Not this year,’ and walked out,” said Paul Brenner."]));
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.text).toBe("She told me, ‘Not this year,’ and walked out");
  });

  test("an elision ('90s) opens no quotation", () => {
    const { quotes } = extractEntities(docOf(["Prices have not been this high since the '90s, said Anne Cole."]));
    expect(quotes).toHaveLength(0);
  });
});

describe("attribution verbs found on the held-out articles", () => {
  test("'telling MPs that …' attributes a fragment to the sentence's subject, with the channel 'told MPs'", () => {
    const { quotes } = extractEntities(
      docOf(["The Chancellor, Eleanor Whitcombe, defended the plan, telling MPs on Wednesday that it would ‘protect families who have no choice’."], "2024-11-14"),
    );
    expect(quotes[0]).toMatchObject({ text: "protect families who have no choice", channel: "told MPs", saidOn: "2024-11-13" });
    expect(quotes[0]!.speaker?.name).toBe("Eleanor Whitcombe");
  });

  test("'accused X of …' introduces a short fragment as speech, not a scare quote", () => {
    const { quotes } = extractEntities(docOf(["The shadow minister, Rupert Vane, accused the government of 'dodging the questions'."]));
    expect(quotes[0]?.speaker?.name).toBe("Rupert Vane");
  });

  test("a person whose appositive names a university speaks, not the university", () => {
    const { quotes } = extractEntities(
      docOf(["Rajiv Menon, an associate professor of neurology at Johns Hopkins University who was not involved, called the study “a landmark piece of work.”"]),
    );
    expect(quotes[0]?.speaker?.name).toBe("Rajiv Menon");
  });
});

describe("courts", () => {
  test("letters after a name (KC, MP) are not part of it, and the surname alone then names the person", () => {
    const { people, quotes } = extractEntities(
      docOf(["Prosecutor Alice Marwood KC told the jury the payments were invented.", "“There was no second buyer,” Marwood said."]),
    );
    expect(people.map((p) => p.name)).toContain("Alice Marwood");
    expect(quotes[0]?.speaker?.name).toBe("Alice Marwood");
  });

  test("'the judge said' is the person named earlier with that title", () => {
    const { quotes } = extractEntities(
      docOf(["Judge Harold Penrose warned jurors not to discuss the case.", "“You must decide on the evidence alone,” the judge said."]),
    );
    expect(quotes[0]?.speaker?.name).toBe("Harold Penrose");
  });
});

describe("companies known only by name", () => {
  const names = (paragraphs: string[]): string[] => extractEntities(docOf(paragraphs)).organizations.map((o) => o.name);

  test("'Securities and Exchange Commission' is one name across 'and'", () => {
    expect(names(["The company said in a filing with the Securities and Exchange Commission that sales fell."])).toEqual(["Securities and Exchange Commission"]);
  });

  test("'Shares of X', 'X (NYSE: T)' and a trade noun before the name mark a company; its first word alone names it later", () => {
    const found = names([
      "Shares of Halvorsen Logistics fell 8% on Thursday.",
      "Halvorsen (NYSE: HLVN) cut its forecast. Rival carrier Dunmore gained 2%.",
      "Halvorsen said it would close two depots.",
    ]);
    expect(found).toEqual(expect.arrayContaining(["Halvorsen Logistics", "NYSE", "Dunmore"]));
    expect(found).not.toContain("Halvorsen");
    expect(found).not.toContain("Shares of Halvorsen Logistics");
  });

  test("a nationality after 'shares of' is no company", () => {
    expect(names(["Shares of Dutch equipment maker ASML fell 2%."])).toEqual(["ASML"]);
  });

  test("an affiliation nobody lists ('a portfolio manager at Brightwater Capital') is an organization of the article", () => {
    expect(names(["“They have time,” said Tom Alvarez, a portfolio manager at Brightwater Capital."])).toContain("Brightwater Capital");
  });
});

describe("rules fixed on articles written after the held-out set", () => {
  test("a channel after the appositive of a speaker named after the verb", () => {
    const { quotes } = extractEntities(
      docOf(["“This corridor will feed millions,” said Olena Petrenko, a spokeswoman for the Ukrainian Foreign Ministry, in an emailed statement on Friday."], "2024-07-14"),
    );
    expect(quotes).toEqual([
      expect.objectContaining({
        text: "This corridor will feed millions",
        speaker: { name: "Olena Petrenko", title: "spokeswoman", organization: "Ukrainian Foreign Ministry" },
        channel: "emailed statement",
        saidOn: "2024-07-12",
      }),
    ]);
  });

  test("an unnamed owner ('the union's') is not part of the title", () => {
    const { people } = extractEntities(docOf(["“We are ready to sign,” Ana Moreira, the union's chief negotiator, told reporters."]));
    expect(people).toEqual([expect.objectContaining({ name: "Ana Moreira", title: "chief negotiator" })]);
  });
});

describe("organizations known by their place in the sentence", () => {
  const orgs = (...paragraphs: string[]): string[] => extractEntities(docOf(paragraphs)).organizations.map((o) => o.name);

  test("'the X said', 'X of the Y said', 'X said in a statement'", () => {
    expect(orgs("The levy will raise £2bn a year, the Exchequer said.")).toContain("Exchequer");
    expect(orgs("Friends of the Forest said the plan was 'a disgrace'.")).toContain("Friends of the Forest");
    expect(orgs("Late on Monday, Harwick said in a statement that the sale had closed.")).toContain("Harwick");
    expect(orgs("The Chancellor said the plan was fair.")).toEqual([]);
  });

  test("a noun before the name, a role at it, a club role, a share-price move", () => {
    expect(orgs("The findings appear in the journal Cortexa.")).toContain("Cortexa");
    expect(orgs("The cycling group the CTC opposed it.")).toContain("CTC");
    expect(orgs("She will hear from the former chief executive of Brackley Rovers next week.")).toContain("Brackley Rovers");
    expect(orgs("The deal was agreed after talks, Brackwater Athletic manager Sam Jones confirmed.")).toContain("Brackwater Athletic");
    expect(orgs("Among rivals, T.R. Mallory dropped 2.4% and Swift-Lane lost 1.1%.")).toEqual(expect.arrayContaining(["T.R. Mallory", "Swift-Lane"]));
    expect(orgs("Brent fell 2% and Shares of other firms rose 1%.")).toEqual([]);
    expect(orgs("Sales fell 4%. Profits rose 3%.")).toEqual([]);
  });

  test("a possessive inside a name; an acronym defined in parentheses; an index is none", () => {
    expect(orgs("Funding came from the Huntington's Foundation.")).toContain("Huntington's Foundation");
    expect(orgs("The Royal Cycling Club (RCC) objected. The RCC said it would appeal.")).toEqual(["Royal Cycling Club"]);
    expect(orgs("The Dow Jones Transportation Average slipped 0.9%.")).toEqual([]);
    expect(orgs("The Delta Agency Office for the Study of Coastal Affairs said it would help.")).toContain("Delta Agency Office for the Study of Coastal Affairs");
  });

  test("an organization that only qualifies a noun in the subject's phrase does not speak", () => {
    const { quotes } = extractEntities(docOf(["A lawyer accused of misleading two Premier League clubs told the court that he had 'done nothing wrong'."]));
    expect(quotes[0]?.speaker).toBeNull();
  });
});

describe("places from context", () => {
  const places = (...paragraphs: string[]): string[] => extractEntities(docOf(paragraphs)).places.map((p) => p.name);

  test("divisions and features by their head word; 'the X region'; 'the town of X'; an apposition", () => {
    expect(places("Crops failed in Lower Rift County and along the Kerio River.")).toEqual(["Lower Rift County", "Kerio River"]);
    expect(places("Shelling hit the Zarvan region overnight.")).toEqual(["Zarvan"]);
    expect(places("Police sealed off the town of Oldmarsh on Friday.")).toEqual(["Oldmarsh"]);
    expect(places("In Kibwezi, one of the county's poorest villages, wells ran dry.")).toEqual(["Kibwezi"]);
    expect(places("Anna Roe, the MP for Westfold, said nothing.")).toEqual(["Westfold"]);
  });

  test("Britain, '-shire' counties, parts of Africa, great rivers after 'the'", () => {
    expect(places("Families in rural Britain depend on cars, and so does Lincolnshire.")).toEqual(["Britain", "Lincolnshire"]);
    expect(places("Drought spread across West Africa.")).toEqual(["West Africa"]);
    expect(places("Barges stopped on the Rhine.")).toEqual(["Rhine"]);
  });

  test("the place a council's or court's name starts with, not a university's", () => {
    expect(places("He appeared at Leeds Crown Court.")).toEqual(["Leeds"]);
    expect(places("She studied at the University of Leeds.")).toEqual([]);
  });
});

describe("channels", () => {
  test("'on a call with analysts'; 'told the BBC' in the sentence before a 'he said' quote", () => {
    const { quotes } = extractEntities(
      docOf([
        "“Demand is soft,” Jane Holt, the chief executive, said on a call with analysts.",
        "Later, Tom Reed told the BBC the firm was fine. “We will recover,” he said.",
      ]),
    );
    expect(quotes.map((q) => q.channel)).toEqual(["call with analysts", "told the BBC"]);
  });
});
