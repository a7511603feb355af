using Backprop.Kernels;

namespace Backprop.Tests.Kernels;

/// <summary>Every elementwise operator in <see cref="KernelTable"/>, through the one driver, against its scalar oracle.</summary>
public class KernelTableTests
{
    private const int MaxLength = 257;

    public static TheoryData<string> AllKernels() => [.. KernelTable.Names()];
    public static TheoryData<string> BinaryKernels() => [.. KernelTable.Names(binary: true)];
    public static TheoryData<string> AllSpecialValues() => [.. SpecialValues.All.Select(s => s.Description)];

    [Theory]
    [MemberData(nameof(AllKernels))]
    public void Vector_path_at_every_width_matches_scalar_oracle_for_every_length(string kernel)
    {
        var row = KernelTable.Get(kernel);
        foreach (var width in VectorWidths.Available)
            for (int length = 0; length <= MaxLength; length++) row.CheckDriver(length, width);
    }

    [Theory]
    [MemberData(nameof(AllKernels))]
    public void Writing_into_an_input_gives_the_same_result_as_a_separate_destination(string kernel)
    {
        var row = KernelTable.Get(kernel);
        foreach (var width in VectorWidths.Available)
            for (int length = 0; length <= MaxLength; length++) row.CheckInPlace(length, width);
    }

    [Theory]
    [MemberData(nameof(BinaryKernels))]
    public void A_scalar_on_either_side_broadcasts_like_the_scalar_oracle(string kernel)
    {
        var row = KernelTable.Get(kernel);
        foreach (var width in VectorWidths.Available)
            for (int length = 0; length <= MaxLength; length++) row.CheckScalarBroadcast(length, width);
    }

    [Theory]
    [MemberData(nameof(AllKernels))]
    public void Every_vector_width_matches_the_scalar_oracle_lane_by_lane(string kernel) =>
        KernelTable.Get(kernel).CheckVectorForms(trials: 64);

    [Theory]
    [MemberData(nameof(AllSpecialValues))]
    public void Special_values_give_the_defined_result_in_scalar_vector_and_tail(string special)
    {
        var value = SpecialValues.Get(special);
        var rows = KernelTable.All.Where(c => c.Op == value.Op).ToList();
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
            foreach (var width in VectorWidths.Available)
                row.CheckSpecialValue(value.X, value.Y, value.Expected, value.Tolerance, width);
    }

    [Fact]
    public void Every_operator_struct_in_Kernels_has_a_row_for_float_and_for_double()
    {
        var operators = typeof(Elementwise).Assembly.GetTypes()
            .Where(t => t.IsValueType && t.IsGenericTypeDefinition && t.GetInterfaces().Any(IsOperatorInterface))
            .OrderBy(t => t.Name)
            .ToList();
        Assert.NotEmpty(operators);
        foreach (var op in operators)
            foreach (var element in new[] { typeof(float), typeof(double) })
                Assert.True(KernelTable.All.Any(c => c.OperatorDefinition == op && c.ElementType == element),
                    $"{op.Name} has no {element.Name} row in KernelTable: add one so the driver tests cover it.");
    }

    [Fact]
    public void Every_special_value_names_an_operator_in_the_table()
    {
        foreach (var value in SpecialValues.All)
            Assert.True(KernelTable.All.Any(c => c.Op == value.Op && c.IsBinary == value.Binary), $"'{value.Description}' names no such row.");
        Assert.Equal(SpecialValues.All.Length, SpecialValues.All.Select(s => s.Description).Distinct().Count());
    }

    [Fact]
    public void Mismatched_lengths_are_rejected_before_anything_is_written()
    {
        var dst = new double[4];
        var error = Assert.Throws<ArgumentException>(() => Elementwise.Unary<double, ExpOperator<double>>(new double[5], dst));
        Assert.Contains("5", error.Message);
        Assert.Throws<ArgumentException>(() => Elementwise.Binary<double, AddOperator<double>>(new double[4], new double[3], dst));
        Assert.Throws<ArgumentException>(() => Elementwise.Binary<double, AddOperator<double>>(new double[3], new double[4], dst));
        Assert.Throws<ArgumentException>(() => Elementwise.BinaryScalarRight<double, AddOperator<double>>(new double[3], 1.0, dst));
        Assert.Throws<ArgumentException>(() => Elementwise.BinaryScalarLeft<double, AddOperator<double>>(1.0, new double[3], dst));
        Assert.All(dst, v => Assert.Equal(0.0, v));
    }

    private static bool IsOperatorInterface(Type i) =>
        i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IUnaryOperator<>) || i.GetGenericTypeDefinition() == typeof(IBinaryOperator<>));
}
