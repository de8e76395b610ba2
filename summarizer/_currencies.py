"""The number finder's currencies (``figures``): the symbols and codes before an amount, the words after it, the
hundredths of a currency, and crypto tokens counted by name."""

from __future__ import annotations

SYMBOLS = {"$": "USD", "us$": "USD", "hk$": "HKD", "a$": "AUD", "c$": "CAD", "s$": "SGD", "nz$": "NZD",
           "€": "EUR", "£": "GBP", "¥": "CNY", "₹": "INR", "₩": "KRW", "r$": "BRL", "₿": "BTC", "chf": "CHF",
           "rs": "INR", "rs.": "INR"}
CODES = {"usd", "eur", "gbp", "cny", "rmb", "jpy", "hkd", "aud", "cad", "chf", "sgd", "inr", "krw", "brl", "nzd"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "yuan": "CNY", "renminbi": "CNY", "euro": "EUR", "euros": "EUR",
    "yen": "JPY", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "rupees": "INR", "won": "KRW",
    "francs": "CHF", "reais": "BRL",
}
# A country's name between an amount and its own currency's word: "3.5 billion US dollars", "97 Japanese yen", "2
# Canadian dollars" (the pair as the finder reads it; "won" only after a scale: "5 Korean won gold medals" is a count)
_DOLLARS_OF = {"us": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD", "singapore": "SGD",
               "taiwan": "TWD"}
CURRENCY_OF = {(country, word): code for country, code in _DOLLARS_OF.items() for word in ("dollar", "dollars")} | {
    ("japanese", "yen"): "JPY", ("korean", "won"): "KRW", ("british", "pound"): "GBP", ("british", "pounds"): "GBP",
    ("swiss", "franc"): "CHF", ("swiss", "francs"): "CHF", ("chinese", "yuan"): "CNY"}
# Amounts in the hundredth of a currency: "37 cents" is 0.37 USD, "418 pence" 4.18 GBP.
SUBUNITS = {"cents": "USD", "cent": "USD", "pence": "GBP", "penny": "GBP", "paise": "INR"}
CRYPTO = {
    "btc": "BTC", "bitcoin": "BTC", "bitcoins": "BTC", "eth": "ETH", "ether": "ETH", "ethereum": "ETH",
    "sol": "SOL", "solana": "SOL", "xrp": "XRP", "usdt": "USDT", "usdc": "USDC", "bnb": "BNB", "ada": "ADA",
    "doge": "DOGE", "dogecoin": "DOGE",
}
