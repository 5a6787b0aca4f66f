"""Independent implementation of the OnCue blind-box commitment and winners (docs/blindbox.md), with Python's
hashlib/hmac/json/unicodedata/re only.

Prints the fixed vectors of blindbox.vectors.ts: the three answer commitments, text normalisation cases, and the
winners of each reward rule over eight guesses.
"""
import hashlib, hmac, json, re, unicodedata

def order(seed, n, k):  # the lottery's draw order (docs/lottery.md)
    a, out = {}, []
    for i in range(min(k, n)):
        rng = n - i
        limit = 2**32 - (2**32 % rng)
        t = 0
        while True:
            x = int.from_bytes(hmac.new(seed, f"{i}:{t}".encode(), hashlib.sha256).digest()[:4], 'big')
            if x < limit: break
            t += 1
        j = i + x % rng
        ai, aj = a.get(i, i), a.get(j, j)
        a[i], a[j] = aj, ai
        out.append(a[i])
    return out

def canonical(box):
    return json.dumps({"type": box["type"], "answer": box["answer"]}, ensure_ascii=False, separators=(',', ':'))

def commitment(box, salt):
    return hashlib.sha256(f"{canonical(box)}:{salt}".encode()).hexdigest()

# \p{P} (punctuation), \p{Z} (separators) and white space, by Unicode category
def normalise(text):
    s = unicodedata.normalize('NFKC', unicodedata.normalize('NFKC', text).lower())
    return ''.join(c for c in s if not (unicodedata.category(c)[0] in 'PZ' or c.isspace()))

def right(box, value):
    if box["type"] == "text":
        g = normalise(value) if isinstance(value, str) else ''
        return g != '' and any(normalise(a) == g for a in box["answer"])
    return value == box["answer"]

def winners(box, reward, guesses, seed=None):
    if reward["type"] == "closest":
        ranked = sorted(range(len(guesses)), key=lambda i: (abs(guesses[i]["value"] - box["answer"]), i))
        return [guesses[i]["entry"] for i in ranked[:reward["winners"]]]
    r = [g["entry"] for g in guesses if right(box, g["value"])]
    if reward["type"] == "all": return r
    if reward["type"] == "first": return r[:reward["winners"]]
    lst = sorted(set(r))
    return [lst[i] for i in order(bytes.fromhex(seed), len(lst), reward["winners"])]

salt = bytes(range(32)).hex()
seed = bytes(range(32, 64)).hex()
entries = [hashlib.sha256(f"box-1:{('%02x' % k) * 32}".encode()).hexdigest() for k in range(8)]
choice = {"type": "choice", "answer": 1}
number = {"type": "number", "answer": 42}
text = {"type": "text", "answer": ["Lipstick", "口红"]}
choice_guesses = [{"entry": e, "value": v} for e, v in zip(entries, [1, 0, 1, 2, 1, 1, 0, 1])]
number_guesses = [{"entry": e, "value": v} for e, v in zip(entries, [40, 45, 42, 44, 39, 42, 100, 40])]
text_guesses = [{"entry": e, "value": v} for e, v in zip(entries, ["  Ｌｉｐ-Stick！", "perfume", "口红。", "LIPSTICK", "lip stick?", "口 红", "scarf", "lipsticks"])]
norm_cases = ["  Ｌｉｐ-Stick！", "口红。", "「口红」", "ＡＢＣ１２３", "Crème Brûlée", "Ⅻ", "a\u3000b", "¿Qué?"]
res = {
  "salt": salt, "seed": seed, "seedCommitment": hashlib.sha256(bytes.fromhex(seed)).hexdigest(), "entries": entries,
  "boxes": {
    "choice": {"box": choice, "json": canonical(choice), "commitment": commitment(choice, salt), "guesses": choice_guesses,
               "all": winners(choice, {"type": "all"}, choice_guesses),
               "first2": winners(choice, {"type": "first", "winners": 2}, choice_guesses),
               "draw2": winners(choice, {"type": "draw", "winners": 2}, choice_guesses, seed)},
    "number": {"box": number, "json": canonical(number), "commitment": commitment(number, salt), "guesses": number_guesses,
               "all": winners(number, {"type": "all"}, number_guesses),
               "closest3": winners(number, {"type": "closest", "winners": 3}, number_guesses)},
    "text": {"box": text, "json": canonical(text), "commitment": commitment(text, salt), "guesses": text_guesses,
             "all": winners(text, {"type": "all"}, text_guesses)},
  },
  "normalised": [[c, normalise(c)] for c in norm_cases],
}
print(json.dumps(res, indent=2, ensure_ascii=False))
