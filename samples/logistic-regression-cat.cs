#:project ../src/Backprop/Backprop.csproj
// Week 2: logistic regression with a neural-network mindset, on cat vs non-cat.
// a = σ(wᵀx + b), J = −(1/m) Σ [y log a + (1−y) log(1−a)], dw = (1/m) X (A−Y)ᵀ, db = (1/m) Σ (A−Y), w ← w − α dw.
// Expected: cost 0.693147 at 0 … 0.140872 at 1900; train accuracy 99.04306220095694 %, test accuracy 70.0 %.
using System.Globalization;
using Backprop.Course;
using Backprop.Data;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var (train, test) = CatVsNonCat.Load<double>();                  // X (209, 12288) = pixels / 255, Y (209, 1)
var model = CourseModels.LogisticRegression<double>(12288);       // w = zeros, b = 0
CourseRun.Train(model, train.X, train.Y, learningRate: 0.005, iterations: 2000, printEvery: 100,
    onCost: (i, cost) => Console.WriteLine($"Cost after iteration {i}: {cost:F6}"), printLastIteration: false);
Console.WriteLine($"train accuracy: {100 * CourseRun.Accuracy(model, train.X, train.Y)} %");
Console.WriteLine($"test accuracy: {100 * CourseRun.Accuracy(model, test.X, test.Y)} %");
