# validated with no network allowed
import logging

log = logging.getLogger(__name__)


class Invoice:
    def __init__(self, number, amount):
        self.number = number
        self.amount = amount

    def __repr__(self):
        return f"{self.__class__.__name__}(number={self.number!r}, amount={self.amount!r})"


class CreditNote(Invoice):
    def describe(self):
        kind = type(self).__qualname__
        return f"{kind} from {self.__class__.__module__}: {self.amount}"


note = CreditNote("CN-1", -20)
log.info("created %s", note)
print(repr(note), note.describe())
