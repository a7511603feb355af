using System.Numerics;
using System.Reflection;

namespace Backprop.Layers;

/// <summary>A module's own parameters and child modules, found in its fields (and auto-properties) in declaration order,
/// base class first — as PyTorch finds them in attributes — so a custom module declares a layer once, as a field, and
/// writes only its forward. A field holding a list or array of modules gives one child per entry ("blocks.0", …).</summary>
internal static class ModuleMembers
{
    public static (List<Parameter<T>> Parameters, List<(string Name, Module<T> Module)> Children) Find<T>(Module<T> module)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parameters = new List<Parameter<T>>();
        var children = new List<(string, Module<T>)>();
        foreach (var field in FieldsOf(module.GetType()))
        {
            var value = field.GetValue(module);
            string name = CleanName(field.Name);
            switch (value)
            {
                case Parameter<T> p: parameters.Add(p); break;
                case Module<T> child: children.Add((name, child)); break;
                case IEnumerable<Module<T>> list:
                    int i = 0;
                    foreach (var child in list) children.Add(($"{name}.{i++}", child));
                    break;
                case IEnumerable<Parameter<T>> list:
                    parameters.AddRange(list);
                    break;
            }
        }
        return (parameters, children);
    }

    private static IEnumerable<FieldInfo> FieldsOf(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && !(t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Module<>)); t = t.BaseType)
            chain.Add(t);
        chain.Reverse();
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        return chain.SelectMany(t => t.GetFields(flags).OrderBy(f => f.MetadataToken));
    }

    /// <summary>"_encoder" → "encoder"; an auto-property's "&lt;Weight&gt;k__BackingField" → "Weight".</summary>
    private static string CleanName(string field)
    {
        if (field.StartsWith('<') && field.IndexOf('>') is > 1 and var end) return field[1..end];
        return field.TrimStart('_');
    }
}
