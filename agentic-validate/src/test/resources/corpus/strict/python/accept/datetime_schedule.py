import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

tz = ZoneInfo("Europe/Berlin")
now = datetime.now(tz)
print("now", now.isoformat(timespec="minutes"))
year, month = now.year, now.month
_, days = calendar.monthrange(year, month)
paydays = [date(year, month, d) for d in range(1, days + 1) if date(year, month, d).weekday() == 4]
for d in paydays:
    print(d.strftime("%A %d %B"), (d - now.date()).days, "days away")
deadline = now + timedelta(days=14, hours=3)
print("deadline", deadline.strftime("%Y-%m-%d %H:%M %Z"))
