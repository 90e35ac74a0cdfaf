#!/usr/bin/env python3
"""NDJSON catalog items for scripts/catalog-scale.sh, one import line per item.

  gen_items.py COUNT DIMENSION [FIRST]  > items.ndjson

Each item draws from its own random.Random(item number), so any slice of the catalog is the same
whatever COUNT or FIRST produced it. The attributes are facets the service keeps by default
(recommend.catalog.facets: language, in_stock, price, published_year) with realistic skew, so the
facet columns a pod builds cost what they would in production; authors come from a pool of 50,000
names so that they repeat (about COUNT/33,000 items per author) like a real catalog's.
"""
import random
import sys

FIRST_NAMES = [f"{a}{b}" for a in ("Al", "Be", "Ca", "Da", "El", "Fa", "Ga", "Ha", "Io", "Ja",
                                   "Ka", "Li", "Ma", "Na", "Ol", "Pa", "Ra", "Sa", "Ta", "Va")
               for b in ("ra", "ne", "lo", "vin", "tha", "mir", "ric", "dan", "sia", "ton")]  # 200
LAST_NAMES = [f"{a}{b}" for a in ("Ash", "Bell", "Clay", "Dun", "Ever", "Fair", "Gold", "Hart", "Iver",
                                  "Kings", "Lang", "Mor", "North", "Oak", "Pem", "Ray", "Stan", "Thorn",
                                  "Up", "Ware", "West", "York", "Zell", "Brook", "Crane")
              for b in ("ford", "wood", "ley", "ton", "by", "well", "more", "field", "worth", "ridge")]  # 250
AUTHORS = [f"{f} {l}" for l in LAST_NAMES for f in FIRST_NAMES]  # 50,000
# Skewed like a real catalog: mostly English, a long tail of others.
LANGUAGES = ["eng", "en-US", "en-GB", "fre", "ger", "spa", "jpn", "ita"]
LANGUAGE_WEIGHTS = [62, 12, 8, 6, 5, 4, 2, 1]


def main():
    count, dim = int(sys.argv[1]), int(sys.argv[2])
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    out = sys.stdout
    buf = []
    for i in range(first, first + count):
        rnd = random.Random(i)
        gauss = rnd.gauss
        # Formatted by hand: json.dumps of 64 rounded floats is the bulk of the time for a million lines.
        embedding = ",".join(f"{gauss(0, 1):.4f}" for _ in range(dim))
        authors = '"' + AUTHORS[rnd.randrange(len(AUTHORS))] + '"'
        if rnd.random() < 0.2:
            authors += ',"' + AUTHORS[rnd.randrange(len(AUTHORS))] + '"'
        language = rnd.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]
        in_stock = "true" if rnd.random() < 0.8 else "false"
        price = round(rnd.lognormvariate(2.5, 0.6), 2)
        year = min(2025, int(2026 - rnd.expovariate(1 / 25)))  # recent years most common
        buf.append(f'{{"item_id":"item-{i}","title":"Item {i}","embedding":[{embedding}],'
                   f'"authors":[{authors}],"attributes":{{"language":"{language}","in_stock":{in_stock},'
                   f'"price":{price},"published_year":{year}}}}}\n')
        if len(buf) == 1000:
            out.write("".join(buf))
            buf.clear()
    out.write("".join(buf))


if __name__ == "__main__":
    main()
