using System.Numerics;
using Backprop.Layers;

namespace Backprop.Models.Formats;

/// <summary>The custom module types a caller allows a model file to contain, each with a factory that builds an
/// untrained instance of the right shape; the file's tensors are then loaded into its parameters by name. A type named
/// in a file is never instantiated unless it is registered here. A custom module is saved under its class name
/// (<c>Residual</c>), or the name given at registration.</summary>
public sealed class ModuleRegistry<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, Func<Module<T>>> _factories = new(StringComparer.Ordinal);

    /// <summary>Allows <typeparamref name="TModule"/> in files, built by <paramref name="factory"/>.</summary>
    public ModuleRegistry<T> Add<TModule>(Func<TModule> factory, string? name = null) where TModule : Module<T>
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories[name ?? NameOf(typeof(TModule))] = factory;
        return this;
    }

    internal Func<Module<T>>? Find(string name) => _factories.GetValueOrDefault(name);

    /// <summary>The name a custom module is saved under: its class name without generic arity.</summary>
    public static string NameOf(Type type) => type.Name.Split('`')[0];

    /// <summary>No custom types.</summary>
    public static ModuleRegistry<T> Empty => new();
}
