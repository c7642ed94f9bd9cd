public class UnicodeEscapedExit {
    public static void main(String[] args) {
        // the escapes below are translated before parsing, as javac does
        \u0053ystem.\u0065xit(1);
    }
}
