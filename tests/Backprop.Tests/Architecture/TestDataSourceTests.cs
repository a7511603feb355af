using System.Collections;
using Backprop.Tests.Ops;

namespace Backprop.Tests.Architecture;

/// <summary>No member-data or class-data source of a test throws while its cases are enumerated (issue #17): a source that
/// throws fails every case of its theory, even where the data it needs is only missing and the test should skip.</summary>
public class TestDataSourceTests
{
    [Fact]
    public void No_member_data_or_class_data_source_of_a_test_throws_while_enumerated()
    {
        var sources = TestDataSource.Of(typeof(TestDataSourceTests).Assembly);
        Assert.True(sources.Count >= 30, $"only {sources.Count} data sources found; the scan is looking in the wrong place");
        Assert.Contains(sources, s => s.Test.DeclaringType == typeof(TorchConvolutionCasesTests));
        var failures = TestDataSource.Failures(sources);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void A_source_that_throws_while_enumerated_is_reported_with_its_test_and_the_exception()
    {
        var failures = TestDataSource.Failures(
            typeof(BrokenSources).GetMethods().SelectMany(TestDataSource.OfMethod).OrderBy(s => s.Test.Name));
        Assert.Equal(2, failures.Count);
        Assert.Equal("BrokenSources.UsesThrowingClassData [ClassData(ThrowingClassData)]: InvalidOperationException: no cases today", failures[0]);
        Assert.Equal("BrokenSources.UsesThrowingMemberData [MemberData(BrokenSources.SkipsWhileEnumerated)]: SkipException: data file missing", failures[1]);
    }

    [Fact]
    public void The_scan_finds_sources_only_on_tests()
    {
        Assert.DoesNotContain(TestDataSource.Of(typeof(TestDataSourceTests).Assembly), s => s.Test.DeclaringType == typeof(BrokenSources));
        Assert.Equal(3, typeof(BrokenSources).GetMethods().SelectMany(TestDataSource.OfMethod).Count());
    }

    /// <summary>Data sources that throw, on methods that are not tests (no [Fact] or [Theory]), so xunit never runs them;
    /// xUnit1008 (data on a method that is not a theory) is what is meant here.</summary>
#pragma warning disable xUnit1008
    public static class BrokenSources
    {
        public static IEnumerable<object[]> SkipsWhileEnumerated()
        {
            yield return [1];
            throw new SkipException("data file missing");
        }

        public static IEnumerable<object[]> Fine() => [[1], [2]];

        [MemberData(nameof(SkipsWhileEnumerated))]
        public static void UsesThrowingMemberData(int value) => _ = value;

        [MemberData(nameof(Fine))]
        public static void UsesFineMemberData(int value) => _ = value;

        [ClassData(typeof(ThrowingClassData))]
        public static void UsesThrowingClassData(int value) => _ = value;
    }
#pragma warning restore xUnit1008

    public sealed class ThrowingClassData : IEnumerable<object[]>
    {
        public IEnumerator<object[]> GetEnumerator() => throw new InvalidOperationException("no cases today");
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
