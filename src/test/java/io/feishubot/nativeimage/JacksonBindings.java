package io.feishubot.nativeimage;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.ReferencedClassObject;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the types of ours that Jackson binds by reflection outside Quarkus REST, and which of them
 * a native image would not know about. Quarkus registers what its REST layers bind; a type that our
 * own {@code ObjectMapper} reads or writes is invisible to the native-image analysis unless it is
 * registered, and then fails only at run time, in the native binary.
 *
 * <p>A type counts as bound when it carries a Jackson annotation (on itself, a field, a method or a
 * parameter, as records' components do), when its class literal is handed to a Jackson binding call
 * ({@code writerFor(X.class)}, {@code readValue(json, X.class)}, …), or when it appears in a {@code
 * TypeReference}. Not seen: a value passed to {@code writeValue} with neither; give such a type a
 * {@code @JsonProperty} or register it anyway.
 */
final class JacksonBindings {

  private static final String REGISTER_FOR_REFLECTION = RegisterForReflection.class.getName();
  private static final Set<String> BINDERS =
      Set.of(
          "com.fasterxml.jackson.databind.ObjectMapper",
          "com.fasterxml.jackson.databind.json.JsonMapper",
          "com.fasterxml.jackson.databind.ObjectReader",
          "com.fasterxml.jackson.databind.ObjectWriter");
  private static final Set<String> BINDING_METHODS =
      Set.of(
          "readValue",
          "readValues",
          "readerFor",
          "readerForArrayOf",
          "readerForListOf",
          "readerForMapOf",
          "readerForUpdating",
          "writerFor",
          "writerWithType",
          "convertValue",
          "treeToValue",
          "updateValue",
          "constructType");
  private static final String TYPE_REFERENCE = "com.fasterxml.jackson.core.type.TypeReference";

  private JacksonBindings() {}

  /** Every type under {@code root} that Jackson binds, with why we think so. */
  static Map<String, String> boundTypes(JavaClasses classes, String root) {
    Map<String, String> bound = new TreeMap<>();
    for (JavaClass type : classes) {
      if (carriesJacksonAnnotations(type)) {
        bound.putIfAbsent(type.getName(), "carries Jackson annotations");
      }
      for (ReferencedClassObject literal : type.getReferencedClassObjects()) {
        JavaClass value = literal.getValue();
        if (value.getName().startsWith(root) && callsJacksonBinding(literal.getOwner())) {
          bound.putIfAbsent(value.getName(), "bound in " + literal.getOwner().getFullName());
        }
      }
      type.getSuperclass()
          .filter(parent -> parent.toErasure().getName().equals(TYPE_REFERENCE))
          .ifPresent(
              reference ->
                  reference.getAllInvolvedRawTypes().stream()
                      .filter(involved -> involved.getName().startsWith(root))
                      .forEach(
                          involved ->
                              bound.putIfAbsent(
                                  involved.getName(), "in a TypeReference in " + type.getName())));
    }
    return bound;
  }

  /** The bound types that are not registered for reflection, each with the reason it is bound. */
  static List<String> unregistered(JavaClasses classes, String root) {
    Set<String> registered = registeredTypes(classes);
    return boundTypes(classes, root).entrySet().stream()
        .filter(entry -> !registered.contains(entry.getKey()))
        .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
        .toList();
  }

  /** Types annotated {@code @RegisterForReflection}, and the targets such annotations name. */
  static Set<String> registeredTypes(JavaClasses classes) {
    Set<String> registered = new HashSet<>();
    for (JavaClass type : classes) {
      type.tryGetAnnotationOfType(REGISTER_FOR_REFLECTION)
          .ifPresent(
              registration -> {
                JavaClass[] targets = (JavaClass[]) registration.get("targets").orElseThrow();
                String[] names = (String[]) registration.get("classNames").orElseThrow();
                if (targets.length == 0 && names.length == 0) {
                  registered.add(type.getName());
                }
                Arrays.stream(targets).map(JavaClass::getName).forEach(registered::add);
                registered.addAll(Arrays.asList(names));
              });
    }
    return registered;
  }

  private static boolean carriesJacksonAnnotations(JavaClass type) {
    Stream<JavaAnnotation<?>> annotations =
        Stream.of(
                type.getAnnotations().stream(),
                type.getFields().stream().flatMap(field -> field.getAnnotations().stream()),
                type.getCodeUnits().stream().flatMap(unit -> unit.getAnnotations().stream()),
                type.getCodeUnits().stream()
                    .flatMap(unit -> unit.getParameters().stream())
                    .flatMap(parameter -> parameter.getAnnotations().stream()))
            .flatMap(stream -> stream.map(annotation -> (JavaAnnotation<?>) annotation));
    return annotations.anyMatch(
        annotation -> annotation.getRawType().getPackageName().startsWith("com.fasterxml.jackson"));
  }

  private static boolean callsJacksonBinding(JavaCodeUnit unit) {
    for (JavaMethodCall call : unit.getMethodCallsFromSelf()) {
      if (BINDERS.contains(call.getTargetOwner().getName())
          && BINDING_METHODS.contains(call.getName())) {
        return true;
      }
    }
    return false;
  }
}
