import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.stream.IntStream;

public class ScheduleReport {
    public static void main(String[] args) {
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Berlin"));
        YearMonth month = YearMonth.from(now);
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("EEEE dd MMMM");
        IntStream.rangeClosed(1, month.lengthOfMonth())
                .mapToObj(month::atDay)
                .filter(d -> d.getDayOfWeek() == DayOfWeek.FRIDAY)
                .forEach(d -> System.out.println(fmt.format(d) + " in "
                        + ChronoUnit.DAYS.between(now.toLocalDate(), d) + " days"));
        LocalDate deadline = now.toLocalDate().plusWeeks(2);
        System.out.println("deadline " + deadline);
    }
}
