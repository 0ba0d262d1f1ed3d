import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * The docs' screenshots of the running app: the explorer as it opens (at 1280x860 and at 1024x700), the explorer with
 * the generator activations panel open, and the Train tab. Starts the real app (the bundled model unless {@code -Dmodel=DIR}), waits for the first face, then changes
 * only what a user would click and saves each window as a PNG.
 *
 * <pre>
 * mvn -q -o package -DskipTests
 * xvfb-run -a -s "-screen 0 1400x900x24" java -Dlatentlens.home=. -cp "target/latent-lens.jar:target/lib/*" \
 *   bench/Screenshots.java docs/screenshots
 * </pre>
 */
public class Screenshots {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        String model = System.getProperty("model");
        org.latentlens.Main.main(model == null ? new String[0] : new String[] {model});
        Scene scene = waitFor(
                () -> Window.getWindows().stream()
                        .filter(w -> w instanceof Stage && w.isShowing())
                        .map(Window::getScene)
                        .findFirst()
                        .orElse(null),
                60);
        Thread.sleep(8000); // the first face, the Inspect panel and the encoder readout
        resize(scene, 1024, 700, 0.33, 0.70);
        Thread.sleep(2000);
        save(scene, out.resolve("explorer-1024x700.png"));
        resize(scene, 1280, 860, 0.29, 0.74);
        Thread.sleep(2000);
        save(scene, out.resolve("explorer.png"));
        onFx(() -> {
            for (Node n : scene.getRoot().lookupAll(".titled-pane")) {
                if (n instanceof TitledPane p && p.getText().startsWith("Generator activations")) {
                    p.setExpanded(true);
                }
            }
            return null;
        });
        Thread.sleep(6000); // the activations follow the frame on the render thread
        save(scene, out.resolve("activations.png"));
        onFx(() -> {
            for (Node n : scene.getRoot().lookupAll(".tab-pane")) {
                if (n instanceof TabPane tabs) {
                    for (Tab t : tabs.getTabs()) {
                        if (t.getText().startsWith("Train")) {
                            tabs.getSelectionModel().select(t);
                        }
                    }
                }
            }
            return null;
        });
        Thread.sleep(2000);
        save(scene, out.resolve("train.png"));
        Platform.exit();
        System.exit(0);
    }

    /** Sizes the window and its three columns as a user would at that size (they keep their opening widths). */
    private static void resize(Scene scene, int width, int height, double left, double right) throws Exception {
        onFx(() -> {
            ((Stage) scene.getWindow()).setWidth(width);
            ((Stage) scene.getWindow()).setHeight(height);
            for (Node n : scene.getRoot().lookupAll(".split-pane")) {
                if (n instanceof SplitPane split && split.getItems().size() == 3) {
                    split.setDividerPositions(left, right);
                }
            }
            return null;
        });
    }

    private static void save(Scene scene, Path file) throws Exception {
        WritableImage image = onFx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader r = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.setRGB(x, y, r.getArgb(x, y));
            }
        }
        ImageIO.write(b, "png", file.toFile());
        System.out.println("wrote " + file + " (" + w + "x" + h + ")");
    }

    private static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static <T> T waitFor(Supplier<T> probe, int seconds) throws Exception {
        for (int i = 0; i < seconds * 10; i++) {
            T v = onFxOrNull(probe);
            if (v != null) {
                return v;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the app's window did not open in " + seconds + " s");
    }

    private static <T> T onFxOrNull(Supplier<T> probe) {
        try {
            return onFx(probe);
        } catch (Exception e) {
            return null; // the toolkit is not started yet
        }
    }
}
