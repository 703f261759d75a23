using System.Collections.Concurrent;
using System.Reflection;

namespace ArchPgtable.Generic;

/// <summary>Computes the "#define view" of an <see cref="IPageTableOps"/>: helper by helper, the generic default or the arch override.</summary>
public static class HelperBindings
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<HelperBinding>> _cache = new();

    /// <summary>Every helper of <see cref="IPageTableOps"/>, in declaration order, with the implementation <paramref name="ops"/> puts in force.</summary>
    /// <remarks>
    /// For a <see cref="GenericPageTableOps"/> subclass a helper is an override when its <c>…Core</c> member is
    /// overridden; the impl name comes from <see cref="KernelHelperAttribute"/> on the override (else the helper's name).
    /// <c>set_pte_at</c> follows <c>set_ptes</c>, as the kernel macro does. Any other implementation of the interface
    /// counts as overriding everything.
    /// </remarks>
    public static IReadOnlyList<HelperBinding> Describe(IPageTableOps ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        return _cache.GetOrAdd(ops.GetType(), Compute);
    }

    private static List<HelperBinding> Compute(Type type)
    {
        var rows = new List<HelperBinding>();
        HelperBinding? setPtes = null;
        foreach (var method in typeof(IPageTableOps).GetMethods())
        {
            var name = method.GetCustomAttribute<KernelHelperAttribute>()?.Name;
            if (name is null)
            {
                continue;
            }

            HelperBinding row;
            if (name == "set_pte_at" && setPtes is not null)
            {
                row = setPtes with { Name = name };
            }
            else if (!typeof(GenericPageTableOps).IsAssignableFrom(type))
            {
                row = new HelperBinding(name, true, name);
            }
            else
            {
                var core = type.GetMethod(method.Name + "Core", BindingFlags.Instance | BindingFlags.NonPublic)
                    ?? throw new InvalidOperationException($"{type.FullName} has no {method.Name}Core member.");
                var isOverride = core.DeclaringType != typeof(GenericPageTableOps);
                var impl = isOverride ? core.GetCustomAttribute<KernelHelperAttribute>(inherit: false)?.Name ?? name : name;
                row = new HelperBinding(name, isOverride, impl);
            }

            if (name == "set_ptes")
            {
                setPtes = row;
            }

            rows.Add(row);
        }

        return rows;
    }
}
