# validated with the network allowlist: api.stripe.com
"""Reconcile Stripe invoices against a local ledger export and write a report below out/.

A realistic program of the kind the SDK generates: HTTP to one allowed host, JSON, dataclasses,
comprehensions, a small thread pool and local files.
"""
import csv
import json
import logging
import os
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_EVEN, Decimal
from enum import Enum
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import requests

API = "https://api.stripe.com/v1"
TIMEOUT = 20
PAGE_LIMIT = 100
OUT_DIR = Path("out") / "reconciliation"

log = logging.getLogger("reconcile")


class Status(Enum):
    DRAFT = "draft"
    OPEN = "open"
    PAID = "paid"
    UNCOLLECTIBLE = "uncollectible"
    VOID = "void"

    @classmethod
    def parse(cls, value: Optional[str]) -> "Status":
        if not value:
            return cls.DRAFT
        try:
            return cls(value.lower())
        except ValueError:
            return cls.DRAFT


class Mismatch(Enum):
    MISSING_IN_LEDGER = "missing_in_ledger"
    MISSING_IN_STRIPE = "missing_in_stripe"
    AMOUNT_DIFFERS = "amount_differs"
    STATUS_DIFFERS = "status_differs"


@dataclass(frozen=True)
class Invoice:
    id: str
    customer: str
    amount_cents: int
    currency: str
    status: Status
    created: date

    @property
    def amount(self) -> Decimal:
        return (Decimal(self.amount_cents) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class LedgerEntry:
    invoice_id: str
    amount: Decimal
    settled: bool


@dataclass
class Finding:
    kind: Mismatch
    invoice_id: str
    detail: str

    def to_row(self) -> List[str]:
        return [self.kind.value, self.invoice_id, self.detail.replace('"', "'")]


@dataclass
class Report:
    findings: List[Finding] = field(default_factory=list)
    totals: Dict[str, Decimal] = field(default_factory=dict)
    generated: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def counts(self) -> Counter:
        counts = Counter({m: 0 for m in Mismatch})
        counts.update(f.kind for f in self.findings)
        return counts


class StripeClient:
    def __init__(self, key: str, session: Optional[requests.Session] = None):
        self.session = session or requests.Session()
        self.session.headers.update({
            "Authorization": f"Bearer {key}",
            "Stripe-Version": "2024-06-20",
        })

    def _get(self, path: str, params: Dict[str, object]) -> Dict[str, object]:
        for attempt in range(5):
            response = self.session.get(f"{API}{path}", params=params, timeout=TIMEOUT)
            if response.status_code == 429:
                wait = 2 ** attempt
                log.warning("rate limited, retrying in %ss", wait)
                time.sleep(wait)
                continue
            response.raise_for_status()
            return response.json()
        raise RuntimeError(f"Stripe kept rate-limiting {path}")

    def invoices(self, since: date, limit: int = PAGE_LIMIT) -> List[Invoice]:
        created_gte = int(datetime.combine(since, datetime.min.time(), tzinfo=timezone.utc).timestamp())
        params: Dict[str, object] = {"limit": limit, "created[gte]": created_gte}
        result: List[Invoice] = []
        while True:
            page = self._get("/invoices", params)
            data = page.get("data", [])
            result.extend(parse_invoice(obj) for obj in data if str(obj.get("id", "")).startswith("in_"))
            if not page.get("has_more") or not data:
                return result
            params["starting_after"] = data[-1]["id"]


def parse_invoice(obj: Dict[str, object]) -> Invoice:
    created = datetime.fromtimestamp(int(obj.get("created", 0)), tz=timezone.utc).date()
    return Invoice(
        id=str(obj["id"]),
        customer=str(obj.get("customer") or "unknown"),
        amount_cents=int(obj.get("amount_due", 0)),
        currency=str(obj.get("currency", "usd")).upper(),
        status=Status.parse(obj.get("status")),
        created=created,
    )


def read_ledger(path: Path) -> Dict[str, LedgerEntry]:
    ledger: Dict[str, LedgerEntry] = {}
    if not path.exists():
        return ledger
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                entry = LedgerEntry(
                    invoice_id=row["invoice"].strip(),
                    amount=Decimal(row["amount"].strip()),
                    settled=row.get("settled", "false").strip().lower() in ("1", "true", "yes"),
                )
            except (KeyError, ArithmeticError) as exc:
                log.warning("skipping ledger row %r: %s", row, exc)
                continue
            ledger[entry.invoice_id] = entry
    return ledger


def reconcile(invoices: Iterable[Invoice], ledger: Dict[str, LedgerEntry]) -> List[Finding]:
    findings: List[Finding] = []
    by_id = {}
    for invoice in invoices:
        by_id.setdefault(invoice.id, invoice)
    for invoice in by_id.values():
        entry = ledger.get(invoice.id)
        if entry is None:
            if invoice.status not in (Status.DRAFT, Status.VOID):
                findings.append(Finding(Mismatch.MISSING_IN_LEDGER, invoice.id,
                                        f"{invoice.amount} {invoice.currency} for {invoice.customer}"))
            continue
        if entry.amount != invoice.amount:
            findings.append(Finding(Mismatch.AMOUNT_DIFFERS, invoice.id,
                                    f"stripe {invoice.amount} vs ledger {entry.amount}"))
        paid = invoice.status is Status.PAID
        if paid != entry.settled:
            findings.append(Finding(Mismatch.STATUS_DIFFERS, invoice.id,
                                    f"stripe {invoice.status.value} vs ledger settled={entry.settled}"))
    for invoice_id in sorted(set(ledger) - set(by_id)):
        findings.append(Finding(Mismatch.MISSING_IN_STRIPE, invoice_id, "no such invoice"))
    return findings


def totals_by_currency(invoices: Iterable[Invoice]) -> Dict[str, Decimal]:
    totals: Dict[str, Decimal] = defaultdict(lambda: Decimal("0"))
    for invoice in invoices:
        if invoice.status is Status.PAID:
            totals[invoice.currency] += invoice.amount
    return dict(sorted(totals.items()))


def largest_open(invoices: Iterable[Invoice]) -> Optional[Invoice]:
    open_invoices = [i for i in invoices if i.status is Status.OPEN]
    return max(open_invoices, key=lambda i: i.amount_cents, default=None)


def customers_by_revenue(invoices: Iterable[Invoice], top: int = 3) -> List[Tuple[str, Decimal]]:
    revenue: Dict[str, int] = defaultdict(int)
    for invoice in invoices:
        if invoice.status is Status.PAID:
            revenue[invoice.customer] += invoice.amount_cents
    ranked = sorted(revenue.items(), key=lambda kv: kv[1], reverse=True)[:top]
    return [(customer, Decimal(cents) / 100) for customer, cents in ranked]


def monthly_series(invoices: Iterable[Invoice]) -> Dict[str, Decimal]:
    series: Dict[str, Decimal] = {}
    for invoice in sorted(invoices, key=lambda i: i.created):
        month = invoice.created.strftime("%Y-%m")
        series[month] = series.get(month, Decimal("0")) + invoice.amount
    return series


def write_report(directory: Path, report: Report) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    csv_path = directory / "mismatches.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kind", "invoice", "detail"])
        for finding in report.findings:
            writer.writerow(finding.to_row())
    summary_lines = [f"# Reconciliation {report.generated:%Y-%m-%d}", ""]
    for currency, amount in report.totals.items():
        summary_lines.append(f"- paid {currency}: {amount.quantize(Decimal('0.01'), rounding=ROUND_HALF_EVEN)}")
    summary_lines.append("")
    summary_lines.append(f"{len(report.findings)} mismatches")
    (directory / "summary.md").write_text("\n".join(summary_lines) + "\n", encoding="utf-8")
    payload = {
        "generated": report.generated.isoformat(),
        "counts": {kind.value: n for kind, n in report.counts().items()},
        "totals": {currency: str(amount) for currency, amount in report.totals.items()},
    }
    with open(directory / "summary.json", "w", encoding="utf-8") as handle:
        json.dump(payload, handle, indent=2, sort_keys=True)
    return csv_path


def sample_invoices() -> List[Invoice]:
    day = date(2024, 5, 1)
    customers = ["cus_alice", "cus_bob", "cus_carol", "cus_dave"]
    statuses = list(Status)
    return [
        Invoice(
            id=f"in_{1000 + i}",
            customer=customers[i % len(customers)],
            amount_cents=1999 * (i + 1),
            currency="EUR" if i % 5 == 0 else "USD",
            status=statuses[i % len(statuses)],
            created=day + timedelta(days=i),
        )
        for i in range(24)
    ]


def parse_since(argv: List[str]) -> date:
    if len(argv) > 1:
        return date.fromisoformat(argv[1])
    return datetime.now(timezone.utc).date() - timedelta(days=30)


def load_invoices(since: date) -> List[Invoice]:
    key = os.environ.get("STRIPE_API_KEY", "").strip()
    if not key:
        log.warning("STRIPE_API_KEY not set; using sample invoices")
        return sample_invoices()
    return StripeClient(key).invoices(since)


def print_summary(report: Report, invoices: List[Invoice]) -> None:
    for kind, count in report.counts().items():
        print(f"{kind.value:<20} {count}")
    biggest = largest_open(invoices)
    if biggest is not None:
        print(f"largest open: {biggest.id} {biggest.amount}")
    top = ", ".join(f"{c}={a}" for c, a in customers_by_revenue(invoices))
    print(f"top customers: {top}")
    for month, amount in monthly_series(invoices).items():
        print(f"{month}: {amount}")


def main(argv: List[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    since = parse_since(argv)
    invoices = load_invoices(since)
    with ThreadPoolExecutor(max_workers=2) as pool:
        ledger_future = pool.submit(read_ledger, Path("ledger.csv"))
        totals_future = pool.submit(totals_by_currency, invoices)
        ledger = ledger_future.result()
        totals = totals_future.result()
    report = Report(findings=reconcile(invoices, ledger), totals=totals)
    path = write_report(OUT_DIR, report)
    log.info("wrote %s", path)
    print_summary(report, invoices)
    return 0 if not report.findings else 1


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv))
