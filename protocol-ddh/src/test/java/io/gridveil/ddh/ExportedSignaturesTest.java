// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.ec.P256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No Bouncy Castle type in a public or protected signature of an exported package of
 * io.gridveil.core or io.gridveil.ddh (spec/runtime.md §2.3 item 3, §9.2): the packages come from
 * the modules' own descriptors, and every public or protected member's parameter, return, exception
 * and field types, and every type's superclass and interfaces, are walked with their generic
 * arguments, bounds and array components.
 */
class ExportedSignaturesTest {
  private static final String FORBIDDEN = "org.bouncycastle.";

  @Test
  void noBouncyCastleTypeInAnExportedSignature() {
    Set<String> hits = new TreeSet<>();
    int types = 0;
    for (Class<?> anchor : List.of(P256.class, DdhMeter.class)) {
      for (Class<?> c : exportedTypes(anchor)) {
        types++;
        hits.addAll(scan(c, FORBIDDEN));
      }
    }
    assertTrue(types > 50, "exported types scanned: " + types);
    assertTrue(hits.isEmpty(), "Bouncy Castle in exported signatures:\n" + String.join("\n", hits));
  }

  @Test
  void scannerFindsTypesInFieldsParametersAndGenericArguments() {
    // The scanner must see what it is meant to forbid: with java.math as the forbidden prefix it
    // finds P256.ORDER (a field); with core.ec.P256Scalar, the List<P256Scalar> parameter of
    // multiScalarMultiply (a generic argument).
    Set<String> bigInteger = scan(P256.class, "java.math.");
    assertTrue(bigInteger.stream().anyMatch(h -> h.contains("ORDER")), bigInteger.toString());
    Set<String> scalar = scan(P256.class, "io.gridveil.core.ec.P256Scalar");
    assertTrue(scalar.stream().anyMatch(h -> h.contains("multiScalarMultiply")), scalar.toString());
    // And the packages come from the descriptors: core's exported ec package is in, its internal one out.
    Set<String> packages = exportedTypes(P256.class).stream()
        .map(Class::getPackageName).collect(Collectors.toSet());
    assertTrue(packages.contains("io.gridveil.core.ec"), packages.toString());
    assertFalse(packages.contains("io.gridveil.core.internal.bc"), packages.toString());
    assertEquals(Set.of("io.gridveil.ddh", "io.gridveil.ddh.psa"), exportedTypes(DdhMeter.class).stream()
        .map(Class::getPackageName).collect(Collectors.toSet()));
  }

  /** The public and protected types of every package the anchor's module exports. */
  private static List<Class<?>> exportedTypes(Class<?> anchor) {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    ModuleReference ref = ModuleFinder.of(location).findAll().iterator().next();
    Set<String> exported = new HashSet<>();
    for (ModuleDescriptor.Exports e : ref.descriptor().exports()) {
      exported.add(e.source());
    }
    List<Class<?>> out = new ArrayList<>();
    try (ModuleReader reader = ref.open()) {
      for (String resource : reader.list().toList()) {
        if (!resource.endsWith(".class") || resource.endsWith("module-info.class")
            || resource.endsWith("package-info.class")) {
          continue;
        }
        String name = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
        String pkg = name.substring(0, name.lastIndexOf('.'));
        if (!exported.contains(pkg)) {
          continue;
        }
        Class<?> c = Class.forName(name, false, anchor.getClassLoader());
        if (visible(c)) {
          out.add(c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** A type outside code can name: public or protected, and so is every enclosing type. */
  private static boolean visible(Class<?> c) {
    for (Class<?> t = c; t != null; t = t.getDeclaringClass()) {
      if (t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()) {
        return false;
      }
      int m = t.getModifiers();
      if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
        return false;
      }
    }
    return true;
  }

  private static boolean visibleMember(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static Set<String> scan(Class<?> c, String prefix) {
    Set<String> hits = new TreeSet<>();
    check(c.getName() + " superclass", c.getGenericSuperclass(), prefix, hits);
    for (Type i : c.getGenericInterfaces()) {
      check(c.getName() + " interface", i, prefix, hits);
    }
    for (TypeVariable<?> v : c.getTypeParameters()) {
      check(c.getName() + " type parameter", v, prefix, hits);
    }
    for (Field f : c.getDeclaredFields()) {
      if (visibleMember(f.getModifiers()) && !f.isSynthetic()) {
        check(c.getName() + "." + f.getName(), f.getGenericType(), prefix, hits);
      }
    }
    List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      members.add(k);
    }
    for (Executable e : members) {
      if (!visibleMember(e.getModifiers()) || e.isSynthetic()) {
        continue;
      }
      String where = c.getName() + "." + e.getName();
      if (e instanceof Method m) {
        check(where + " return", m.getGenericReturnType(), prefix, hits);
      }
      for (Type p : e.getGenericParameterTypes()) {
        check(where + " parameter", p, prefix, hits);
      }
      for (Type x : e.getGenericExceptionTypes()) {
        check(where + " throws", x, prefix, hits);
      }
      for (TypeVariable<?> v : e.getTypeParameters()) {
        check(where + " type parameter", v, prefix, hits);
      }
    }
    return hits;
  }

  private static void check(String where, Type t, String prefix, Set<String> hits) {
    walk(where, t, prefix, hits, new HashSet<>());
  }

  private static void walk(String where, Type t, String prefix, Set<String> hits, Set<Type> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    if (t instanceof Class<?> c) {
      Class<?> base = c;
      while (base.isArray()) {
        base = base.getComponentType();
      }
      if (base.getName().startsWith(prefix)) {
        hits.add(where + ": " + base.getName());
      }
    } else if (t instanceof ParameterizedType p) {
      walk(where, p.getRawType(), prefix, hits, seen);
      walk(where, p.getOwnerType(), prefix, hits, seen);
      for (Type a : p.getActualTypeArguments()) {
        walk(where, a, prefix, hits, seen);
      }
    } else if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) {
        walk(where, b, prefix, hits, seen);
      }
      for (Type b : w.getLowerBounds()) {
        walk(where, b, prefix, hits, seen);
      }
    } else if (t instanceof GenericArrayType g) {
      walk(where, g.getGenericComponentType(), prefix, hits, seen);
    } else if (t instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        walk(where, b, prefix, hits, seen);
      }
    }
  }
}
