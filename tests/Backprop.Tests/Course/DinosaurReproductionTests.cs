using Backprop.Course;

namespace Backprop.Tests.Course;

/// <summary>The Dinosaurus Island run against the notebook (and dino_run.json): every loss line and all 7 sampled names
/// at iterations 0, 2000, …, 12000, in float64.</summary>
public class DinosaurReproductionTests
{
    private static readonly (string Loss, string[] Names)[] Expected =
    [
        ("23.087336", ["Nkzxwtdmfqoeyhsqwasjkjvu", "Kneb", "Kzxwtdmfqoeyhsqwasjkjvu", "Neb", "Zxwtdmfqoeyhsqwasjkjvu", "Eb", "Xwtdmfqoeyhsqwasjkjvu"]),
        ("27.884160", ["Liusskeomnolxeros", "Hmdaairus", "Hytroligoraurus", "Lecalosapaus", "Xusicikoraurus", "Abalpsamantisaurus", "Tpraneronxeros"]),
        ("25.901815", ["Mivrosaurus", "Inee", "Ivtroplisaurus", "Mbaaisaurus", "Wusichisaurus", "Cabaselachus", "Toraperlethosdarenitochusthiamamumamaon"]),
        ("24.608779", ["Onwusceomosaurus", "Lieeaerosaurus", "Lxussaurus", "Oma", "Xusteonosaurus", "Eeahosaurus", "Toreonosaurus"]),
        ("24.070350", ["Onxusichepriuon", "Kilabersaurus", "Lutrodon", "Omaaerosaurus", "Xutrcheps", "Edaksoje", "Trodiktonus"]),
        ("23.844446", ["Onyusaurus", "Klecalosaurus", "Lustodon", "Ola", "Xusodonia", "Eeaeosaurus", "Troceosaurus"]),
        ("23.291971", ["Onyxosaurus", "Kica", "Lustrepiosaurus", "Olaagrraiansaurus", "Yuspangosaurus", "Eealosaurus", "Trognesaurus"]),
    ];

    [Fact]
    public void The_dinosaur_model_prints_the_course_losses_and_names_through_iteration_12000()
    {
        var text = File.ReadAllText(TestData.Fixture(Dinosaurs.DataFile));
        var reports = Dinosaurs.Run(text, iterations: 12001).ToList();
        Assert.Equal(Expected.Length, reports.Count);
        for (int k = 0; k < Expected.Length; k++)
        {
            Assert.Equal($"Iteration: {2000 * k}, Loss: {Expected[k].Loss}", reports[k].LossLine);
            Assert.Equal(Expected[k].Names, reports[k].Names);
        }
    }
}
