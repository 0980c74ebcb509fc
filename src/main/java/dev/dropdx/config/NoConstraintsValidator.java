package dev.dropdx.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * The Bean Validation {@link Validator} Spring Shell asks for when it makes a command, for the
 * lean start. dropdx declares no constraint annotations (its commands check every value
 * themselves, in {@code OptionValues}, with dropdx's own messages; ArchitectureTest keeps it so),
 * so every validation finds nothing, exactly as Hibernate Validator would, without bootstrapping
 * it (about 480 classes and a third of a second on a small machine).
 */
public final class NoConstraintsValidator implements Validator, ExecutableValidator {

  @Override
  public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) {
    return Set.of();
  }

  @Override
  public <T> Set<ConstraintViolation<T>> validateProperty(T object, String propertyName, Class<?>... groups) {
    return Set.of();
  }

  @Override
  public <T> Set<ConstraintViolation<T>> validateValue(Class<T> beanType, String propertyName, Object value, Class<?>... groups) {
    return Set.of();
  }

  @Override
  public BeanDescriptor getConstraintsForClass(Class<?> clazz) {
    throw new UnsupportedOperationException("dropdx declares no Bean Validation constraints");
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new jakarta.validation.ValidationException("not a " + type.getName());
  }

  @Override
  public ExecutableValidator forExecutables() {
    return this;
  }

  @Override
  public <T> Set<ConstraintViolation<T>> validateParameters(T object, Method method, Object[] parameterValues, Class<?>... groups) {
    return Set.of();
  }

  @Override
  public <T> Set<ConstraintViolation<T>> validateReturnValue(T object, Method method, Object returnValue, Class<?>... groups) {
    return Set.of();
  }

  @Override
  public <T> Set<ConstraintViolation<T>> validateConstructorParameters(Constructor<? extends T> constructor, Object[] parameterValues,
      Class<?>... groups) {
    return Set.of();
  }

  @Override
  public <T> Set<ConstraintViolation<T>> validateConstructorReturnValue(Constructor<? extends T> constructor, T createdObject,
      Class<?>... groups) {
    return Set.of();
  }
}
