import java.util.List;
import java.util.Optional;

public class SealedShapes {
    sealed interface Shape permits Circle, Square, Rect {}

    record Circle(double r) implements Shape {}

    record Square(double side) implements Shape {}

    record Rect(double w, double h) implements Shape {}

    enum Unit { CM, M }

    static double area(Shape s) {
        if (s instanceof Circle c) {
            return Math.PI * c.r() * c.r();
        }
        return switch (s.getClass().getSimpleName()) {
            case "Square" -> ((Square) s).side() * ((Square) s).side();
            default -> {
                Rect r = (Rect) s;
                yield r.w() * r.h();
            }
        };
    }

    public static void main(String[] args) {
        List<Shape> shapes = List.of(new Circle(1), new Square(2), new Rect(2, 3));
        Optional<Shape> largest = shapes.stream().max((a, b) -> Double.compare(area(a), area(b)));
        System.out.printf("largest %s in %s%n", largest.orElseThrow(), Unit.M);
    }
}
