"""Independent implementation of the OnCue lottery draw (docs/lottery.md), with Python's hashlib/hmac only.

Prints the fixed vectors of lottery-draw.vectors.ts: the ticket example, a ten-entry draw, and a search for a
seed whose first step over 10,000,000 entries rejects its first attempt (the rejection-sampling vector).
"""
import hashlib, hmac, json
seed = bytes(range(32))
def order(seed, n, k):
    a = {}
    out = []
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
# ticket vectors
secrets = [("%02x" % k) * 32 for k in range(10)]
tickets = [hashlib.sha256(f"lot-1:{s}".encode()).hexdigest() for s in secrets]
lst = sorted(set(tickets))
o3 = order(seed, 10, 3); o10 = order(seed, 10, 10)
res = {"seed": seed.hex(), "commitment": hashlib.sha256(seed).hexdigest(),
 "entryTicket": {"interaction": "lot-1", "secret": secrets[0], "ticket": tickets[0]},
 "secrets": secrets,
 "entryList": lst, "winners3": [lst[i] for i in o3], "winners10": [lst[i] for i in o10], "order3": o3}
print(json.dumps(res, indent=2))
# rejection seed search for n = 10M
n = 10_000_000
limit = 2**32 - (2**32 % n)
k = 0
while True:
    s = hashlib.sha256(f"oncue-rejection-{k}".encode()).digest()
    x = int.from_bytes(hmac.new(s, b"0:0", hashlib.sha256).digest()[:4], 'big')
    if x >= limit:
        x1 = int.from_bytes(hmac.new(s, b"0:1", hashlib.sha256).digest()[:4], 'big')
        print("REJ", k, s.hex(), "x00", x, "x01", x1, "limit", limit, "modulo-would-give", x % n, "order3", order(s, n, 3))
        break
    k += 1
