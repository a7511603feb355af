using Backprop.Cli.Playground;

namespace Backprop.Tests.Playground;

public class ToyDatasetsTests
{
    [Theory]
    [InlineData("circle", 500)]
    [InlineData("xor", 500)]
    [InlineData("gauss", 500)]
    [InlineData("spiral", 500)]
    [InlineData("plane", 500)]
    [InlineData("multigauss", 500)]
    [InlineData("flower", 400)]
    public void Each_dataset_has_its_points_inside_the_drawn_plane(string name, int count)
    {
        var points = ToyDatasets.Generate(name, 500, 0.2, 1);
        Assert.Equal(count, points.Length);
        Assert.All(points, p => Assert.True(Math.Abs(p.X1) <= 7 && Math.Abs(p.X2) <= 7, $"{p}"));
        if (ToyDatasets.IsRegression(name)) Assert.All(points, p => Assert.InRange(p.Label, -1, 1));
        else Assert.All(points, p => Assert.True(p.Label is 0 or 1));
    }

    [Fact]
    public void Without_noise_the_circle_is_class_1_inside_radius_2_5()
    {
        Assert.All(ToyDatasets.Generate("circle", 500, 0, 3), p => Assert.Equal(Math.Sqrt(p.X1 * p.X1 + p.X2 * p.X2) < 2.5 ? 1 : 0, p.Label));
    }

    [Fact]
    public void Without_noise_xor_is_class_1_where_x1_times_x2_is_positive()
    {
        Assert.All(ToyDatasets.Generate("xor", 500, 0, 3), p => Assert.Equal(p.X1 * p.X2 >= 0 ? 1 : 0, p.Label));
    }

    [Fact]
    public void The_flower_is_the_courses_400_points()
    {
        var flower = ToyDatasets.Generate("flower", 500, 0.5, 9);
        var course = Backprop.Data.Planar.Generate<double>();
        Assert.Equal(course.X[17, 0], flower[17].X1);
        Assert.Equal(course.Y[399, 0], flower[399].Label);
    }

    [Fact]
    public void An_uploaded_table_is_scaled_onto_minus_5_to_5_and_a_numeric_label_makes_regression()
    {
        var data = UploadedTable.Parse("a,price,b\n0,10,100\n1,20,300\n2,30,200\n4,45,400\n", "t.csv", "price");
        Assert.Equal(["a", "b"], data.Columns);
        Assert.True(data.IsRegression);
        Assert.Equal(-5, data.Points.Min(p => p.X1), 9);
        Assert.Equal(5, data.Points.Max(p => p.X2), 9);
        Assert.Contains("a,b,price", data.ToCsv());
        Assert.Contains("4,400,45", data.ToCsv());
    }
}
