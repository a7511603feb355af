#:project ../src/Backprop/Backprop.csproj
// Week 4: the 2-layer cat classifier [12288, 7, 1], LINEAR → RELU → LINEAR → SIGMOID, seed(1), W = randn × 0.01.
// Expected: cost 0.693049735659989 at 0 … 0.04421498215868956 at 2499; train accuracy 1.0, test accuracy 0.72.
using Backprop.Course;
using Backprop.Data;

var (train, test) = CatVsNonCat.Load<double>();
var model = CourseModels.TwoLayerCat<double>();
CourseRun.Train(model, train.X, train.Y, learningRate: 0.0075, iterations: 2500, printEvery: 100,
    onCost: (i, cost) => Console.WriteLine($"Cost after iteration {i}: {cost}"));
Console.WriteLine($"train accuracy: {CourseRun.Accuracy(model, train.X, train.Y)}");
Console.WriteLine($"test accuracy: {CourseRun.Accuracy(model, test.X, test.Y)}");
