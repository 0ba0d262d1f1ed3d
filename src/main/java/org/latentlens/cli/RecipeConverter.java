package org.latentlens.cli;

import org.latentlens.core.train.Recipe;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --recipe vae-gan}; an unknown name lists the choices. */
final class RecipeConverter implements ITypeConverter<Recipe> {
    @Override
    public Recipe convert(String value) {
        try {
            return Recipe.ofKey(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
