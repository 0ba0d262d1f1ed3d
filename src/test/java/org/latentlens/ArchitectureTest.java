package org.latentlens;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layers apart: core knows no UI or engine, each engine has one package (DJL's TensorFlow engine and TF
 * Java in {@code tensorflow}, DJL's ONNX Runtime engine in {@code onnx}, OpenCV in {@code faces.opencv}), and the
 * engines know nothing of each other.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.latentlens");
    }

    @Test
    void coreHasNoJavaFxAndNoEngine() {
        noClasses()
                .that()
                .resideInAPackage("org.latentlens.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx..",
                        "ai.djl..",
                        "org.tensorflow..",
                        "ai.onnxruntime..",
                        "org.latentlens.tensorflow..",
                        "org.latentlens.onnx..",
                        "org.latentlens.ui..",
                        "org.latentlens.cli..",
                        "org.latentlens.faces..",
                        "org.bytedeco..",
                        "org.latentlens.torch..")
                .check(classes);
    }

    @Test
    void djlStaysInTheEnginePackagesAndTensorFlowInItsOwn() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "org.latentlens.tensorflow..", "org.latentlens.onnx..", "org.latentlens.torch..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ai.djl..", "org.tensorflow..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.latentlens.onnx..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.tensorflow..", "ai.djl.tensorflow..", "org.latentlens.tensorflow..")
                .check(classes);
    }

    @Test
    void onlyTheOnnxPackageTouchesOnnxRuntime() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.latentlens.onnx..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ai.onnxruntime..", "ai.djl.onnxruntime..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.latentlens.tensorflow..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.latentlens.onnx..")
                .check(classes);
    }

    @Test
    void theUiTalksToModelsThroughCoreInterfaces() {
        noClasses()
                .that()
                .resideInAPackage("org.latentlens.ui..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.latentlens.tensorflow..",
                        "org.latentlens.onnx..",
                        "org.latentlens.cli..",
                        "org.latentlens.faces..")
                .check(classes);
    }

    @Test
    void onlyTheTorchPackageTouchesPyTorchAndItKnowsNoOtherEngine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.latentlens.torch..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ai.djl.pytorch..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("org.latentlens.torch..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.tensorflow..",
                        "ai.djl.tensorflow..",
                        "ai.djl.onnxruntime..",
                        "org.latentlens.tensorflow..",
                        "org.latentlens.onnx..",
                        "org.latentlens.ui..",
                        "org.latentlens.cli..")
                .check(classes);
    }

    @Test
    void onlyTheOpenCvPackageTouchesOpenCv() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.latentlens.faces.opencv..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bytedeco.opencv..", "org.bytedeco.openblas..", "org.opencv..")
                .because(
                        "face detection is reached through core.faces.FaceFinder, so OpenCV could be swapped or dropped")
                .check(classes);
    }

    @Test
    void onlyTheEnginePackagesTouchJavaCpp() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.latentlens.tensorflow..", "org.latentlens.faces.opencv..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.bytedeco..")
                .check(classes);
    }

    @Test
    void theOpenCvFinderKnowsOnlyCoreAndOpenCv() {
        noClasses()
                .that()
                .resideInAPackage("org.latentlens.faces..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx..",
                        "ai.djl..",
                        "org.tensorflow..",
                        "ai.onnxruntime..",
                        "org.latentlens.tensorflow..",
                        "org.latentlens.onnx..",
                        "org.latentlens.ui..",
                        "org.latentlens.cli..")
                .check(classes);
    }

    @Test
    void uiFeaturesDependOnlyOnUiCommonNotOnEachOther() {
        String[] features = {"explore", "encode", "export", "inspect", "model", "train"};
        for (String feature : features) {
            String[] others = Arrays.stream(features)
                    .filter(f -> !f.equals(feature))
                    .map(f -> "org.latentlens.ui." + f + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("org.latentlens.ui." + feature + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("features share state through ui.common.ModelSession, not by reaching into each other")
                    .check(classes);
        }
    }
}
