// family: writes outside the working directory through java.util.prefs (the user's home)
// expected finding: denied-import
import java.util.prefs.Preferences;

public class PreferencesWrite {
    public static void main(String[] args) throws Exception {
        Preferences.userRoot().put("persist", "yes");
    }
}
