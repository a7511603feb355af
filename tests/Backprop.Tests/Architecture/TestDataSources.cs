using System.Reflection;
using Xunit.Sdk;

namespace Backprop.Tests.Architecture;

/// <summary>One data attribute of a test method: a <c>[MemberData]</c> (a static property, method or field) or a
/// <c>[ClassData]</c> type, enumerated the way xunit does when it discovers the cases.</summary>
public sealed record TestDataSource(MethodInfo Test, DataAttribute Attribute)
{
    public override string ToString() => Attribute switch
    {
        MemberDataAttribute m => $"{Test.DeclaringType!.Name}.{Test.Name} [MemberData({(m.MemberType ?? Test.DeclaringType).Name}.{m.MemberName})]",
        ClassDataAttribute c => $"{Test.DeclaringType!.Name}.{Test.Name} [ClassData({c.Class.Name})]",
        _ => $"{Test.DeclaringType!.Name}.{Test.Name} [{Attribute.GetType().Name}]",
    };

    /// <summary>Every member-data and class-data source of the tests (methods with a fact or theory attribute) in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<TestDataSource> Of(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any())
            .SelectMany(m => OfMethod(m))
            .ToArray();

    /// <summary>The member-data and class-data sources on <paramref name="method"/>, a test or not.</summary>
    public static IEnumerable<TestDataSource> OfMethod(MethodInfo method) =>
        method.GetCustomAttributes<DataAttribute>(inherit: true)
            .Where(a => a is MemberDataAttributeBase or ClassDataAttribute)
            .Select(a => new TestDataSource(method, a));

    /// <summary>One line for each source that throws while it is looked up or enumerated (it must not, even when its data
    /// is missing: a throwing source fails every case, where a missing data set should skip).</summary>
    public static IReadOnlyList<string> Failures(IEnumerable<TestDataSource> sources)
    {
        var failures = new List<string>();
        foreach (var source in sources)
        {
            try { _ = source.Attribute.GetData(source.Test).ToList(); }
            catch (Exception e)
            {
                var inner = e is TargetInvocationException { InnerException: { } ie } ? ie : e;
                failures.Add($"{source}: {inner.GetType().Name}: {inner.Message}");
            }
        }
        return failures;
    }
}
