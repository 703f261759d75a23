using System.Collections.Concurrent;
using System.Reflection;

namespace ArchPgtable.Generic;

/// <summary>Computes the "#define view" of an <see cref="IPageTableOps"/>: helper by helper, the generic default or the arch override.</summary>
public static class HelperBindings
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<HelperBinding>> Cache = new();

    /// <summary>Every helper of <see cref="IPageTableOps"/>, in declaration order, with the implementation <paramref name="ops"/> puts in force.</summary>
    /// <remarks>
    /// For a <see cref="GenericPageTableOps"/> subclass a helper is an override when its <c>…Core</c> member is
    /// overridden; the impl name comes from <see cref="KernelHelperAttribute"/> on the override (else the helper's name).
    /// <c>set_pte_at</c> follows <c>set_ptes</c>, as the kernel macro does, and <c>get_and_clear_ptes</c> / <c>clear_ptes</c>
    /// their <c>full</c> helpers; <c>clear_nonpresent_ptes</c> is always generic. Any other implementation of the interface
    /// counts as overriding everything.
    /// </remarks>
    public static IReadOnlyList<HelperBinding> Describe(IPageTableOps ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        return Cache.GetOrAdd(ops.GetType(), Compute);
    }

    /// <summary>Helpers that are macros or plain wrappers of another: they follow that helper's binding.</summary>
    /// <remarks>Kernel: set_pte_at() → set_ptes(); get_and_clear_ptes() / clear_ptes() → the full = 0 call.</remarks>
    private static readonly Dictionary<string, string> Wrappers = new(StringComparer.Ordinal)
    {
        ["set_pte_at"] = "set_ptes",
        ["get_and_clear_ptes"] = "get_and_clear_full_ptes",
        ["clear_ptes"] = "clear_full_ptes",
    };

    /// <summary>Helpers pgtable.h defines without <c>#ifndef</c>: always the generic function.</summary>
    private static readonly HashSet<string> NotOverridable = new(StringComparer.Ordinal) { "clear_nonpresent_ptes" };

    private static List<HelperBinding> Compute(Type type)
    {
        var rows = new List<HelperBinding>();
        var byName = new Dictionary<string, HelperBinding>(StringComparer.Ordinal);
        foreach (var method in typeof(IPageTableOps).GetMethods())
        {
            var name = method.GetCustomAttribute<KernelHelperAttribute>()?.Name;
            if (name is null)
            {
                continue;
            }

            HelperBinding row;
            if (Wrappers.TryGetValue(name, out var target) && byName.TryGetValue(target, out var targetRow))
            {
                row = targetRow with { Name = name };
            }
            else if (!typeof(GenericPageTableOps).IsAssignableFrom(type))
            {
                row = new HelperBinding(name, true, name);
            }
            else if (NotOverridable.Contains(name))
            {
                row = new HelperBinding(name, false, name);
            }
            else
            {
                var core = type.GetMethod(method.Name + "Core", BindingFlags.Instance | BindingFlags.NonPublic)
                    ?? throw new InvalidOperationException($"{type.FullName} has no {method.Name}Core member.");
                var isOverride = core.DeclaringType != typeof(GenericPageTableOps);
                var impl = isOverride ? core.GetCustomAttribute<KernelHelperAttribute>(inherit: false)?.Name ?? name : name;
                row = new HelperBinding(name, isOverride, impl);
            }

            byName[name] = row;
            rows.Add(row);
        }

        return rows;
    }
}
