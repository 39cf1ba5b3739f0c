import com.adobe.epubcheck.tool.EpubChecker;

/** Checks many EPUBs in one JVM: args are pairs of an EPUB path and the JSON report path. */
public class EpubCheckMany {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            new EpubChecker().run(new String[] {args[i], "--usage", "--json", args[i + 1]});
        }
    }
}
