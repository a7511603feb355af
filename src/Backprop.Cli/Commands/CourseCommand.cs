using System.CommandLine;
using System.Globalization;
using Backprop.Course;
using Backprop.Data;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop course ASSIGNMENT</c>: the course's assignments, printing the notebooks' lines.</summary>
public static class CourseCommand
{
    public static readonly string[] Assignments = ["logistic-regression", "planar", "two-layer", "l-layer", "dinosaurs"];

    public static Command Create()
    {
        var assignment = new Argument<string>("assignment") { Description = string.Join(" | ", Assignments) };
        assignment.AcceptOnlyFromAmong(Assignments);
        var command = new Command("course", "Run one of the course's assignments (float64, the course's seeds) and print its lines.") { assignment };
        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            void Print(int i, double cost) => o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Cost after iteration {i}: {cost}"));
            switch (parse.GetValue(assignment))
            {
                case "logistic-regression":
                {
                    var (train, test) = CatVsNonCat.Load<double>();
                    var model = CourseModels.LogisticRegression<double>(12288);
                    CourseRun.Train(model, train.X, train.Y, 0.005, 2000, 100, Print, printLastIteration: false);
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy: {100 * CourseRun.Accuracy(model, train.X, train.Y)} %"));
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy: {100 * CourseRun.Accuracy(model, test.X, test.Y)} %"));
                    break;
                }
                case "planar":
                {
                    var data = Planar.Generate<double>();
                    var model = CourseModels.Planar<double>(4);
                    CourseRun.Train(model, data.X, data.Y, 1.2, 10000, 1000, Print, printLastIteration: false);
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Accuracy: {100 * CourseRun.Accuracy(model, data.X, data.Y)}%"));
                    break;
                }
                case "dinosaurs":
                {
                    var text = File.ReadAllText(DataPaths.Find(Dinosaurs.DataFile));
                    foreach (var report in Dinosaurs.Run(text))
                    {
                        o.WriteLine(report.LossLine);
                        o.WriteLine();
                        foreach (var name in report.Names) o.WriteLine(name);
                        o.WriteLine();
                    }
                    break;
                }
                default:
                {
                    var (train, test) = CatVsNonCat.Load<double>();
                    var model = parse.GetValue(assignment) == "two-layer" ? CourseModels.TwoLayerCat<double>() : CourseModels.LLayerCat<double>();
                    CourseRun.Train(model, train.X, train.Y, 0.0075, 2500, 100, Print);
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy: {CourseRun.Accuracy(model, train.X, train.Y)}"));
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy: {CourseRun.Accuracy(model, test.X, test.Y)}"));
                    break;
                }
            }
            return 0;
        });
        return command;
    }
}
