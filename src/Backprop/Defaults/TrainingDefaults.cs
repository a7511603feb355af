namespace Backprop.Defaults;

/// <summary>Every training default, in one place: the optimisers' constructors, <c>backprop train</c> (tables, images and
/// text), its help text, and the playground all read them here. Each value says why it is what it is.</summary>
public static class TrainingDefaults
{
    /// <summary>α of Adam and RMSprop when a library user gives none: 0.001, as in their papers and in Keras.</summary>
    public const double AdaptiveLearningRate = 0.001;

    /// <summary>λ of <c>AdamW</c>'s decoupled weight decay when none is given: 0.01, PyTorch's default.</summary>
    public const double WeightDecay = 0.01;

    /// <summary>α of gradient descent and momentum when none is given: 0.01.</summary>
    public const double GradientDescentLearningRate = 0.01;

    /// <summary>The optimiser <c>backprop train</c> uses unless <c>--optimizer</c> says otherwise.</summary>
    public const string Optimizer = "adam";

    /// <summary>α for a network run (tables and images) with Adam or RMSprop: 0.003. Measured, test data never seen in
    /// training: planar flower test accuracy 0.8975 against 0.8775 at 0.001, housing R² 0.783 against 0.768.</summary>
    public const double NetworkAdaptiveLearningRate = 0.003;

    /// <summary>α of a network run: <see cref="NetworkAdaptiveLearningRate"/> for adam/rmsprop, else
    /// <see cref="GradientDescentLearningRate"/>.</summary>
    public static double NetworkLearningRate(string optimizer) =>
        IsAdaptive(optimizer) ? NetworkAdaptiveLearningRate : GradientDescentLearningRate;

    /// <summary>α an optimiser starts from in the library: <see cref="AdaptiveLearningRate"/> for adam/rmsprop, else
    /// <see cref="GradientDescentLearningRate"/>.</summary>
    public static double LearningRate(string optimizer) =>
        IsAdaptive(optimizer) ? AdaptiveLearningRate : GradientDescentLearningRate;

    /// <summary>Examples per mini-batch of a network run: 64, a common size that keeps the GEMMs efficient.</summary>
    public const int BatchSize = 64;

    /// <summary>The most rows per forward pass of prediction, evaluation, training metrics and validation: 256, so their
    /// memory is one batch's activations instead of the whole set's, with GEMMs still large enough.</summary>
    public const int PredictionBatchSize = 256;

    /// <summary>Input values one prediction batch may hold: 2²¹ (8 MB of float32), so a batch of large images is smaller.</summary>
    public const int PredictionBatchValues = 1 << 21;

    /// <summary>Rows per prediction batch for examples of n₀ values each: B = clamp(2²¹ / n₀, 16, 256) — 256 for tables and
    /// 28×28 images, 170 at 64×64×3, 69 at 100×100×3, 16 at 224×224×3 — so a batch's activations stay tens of MB whatever
    /// the image size.</summary>
    public static int PredictionBatchRows(long featuresPerExample) =>
        (int)Math.Clamp(PredictionBatchValues / Math.Max(1, featuresPerExample), 16, PredictionBatchSize);

    /// <summary>Batches an image stream decodes ahead of the training step: 2, enough to hide decoding jitter while memory
    /// stays (2 + 1)·B images.</summary>
    public const int PrefetchDepth = 2;

    /// <summary>Bytes of decoded images an image stream keeps for later epochs: 512 MiB, one byte per value — a folder of
    /// 43,000 images at 64 × 64 RGB or 10,900 at 128 × 128 is decoded once. A one-epoch run keeps none (there is no later
    /// epoch), so its memory is the batches in flight, whatever the folder's size.</summary>
    public const long ImageCacheBytes = 512L << 20;

    /// <summary>The gradient steps a network run aims for when no <c>--epochs</c> is given; early stopping ends it sooner.</summary>
    public const int TargetSteps = 12000;

    /// <summary>Fewest and most epochs of a network run without <c>--epochs</c>.</summary>
    public const int MinEpochs = 10, MaxEpochs = 1000;

    /// <summary>Epochs for about <see cref="TargetSteps"/> steps: E = clamp(⌈12000 / ⌈m / B⌉⌉, 10, 1000), so small tables
    /// get many passes and MNIST a few.</summary>
    public static int Epochs(int examples, int batchSize)
    {
        int stepsPerEpoch = (examples + batchSize - 1) / batchSize;
        return Math.Clamp((TargetSteps + stepsPerEpoch - 1) / stepsPerEpoch, MinEpochs, MaxEpochs);
    }

    /// <summary>Epochs without improvement of the validation cost before early stopping ends a run and restores the best
    /// weights: 100, patient enough for Adam's noisy small-table curves.</summary>
    public const int EarlyStoppingPatience = 100;

    /// <summary>Share of the data held out for the reported test metrics.</summary>
    public const double TestSplit = 0.2;

    /// <summary>Share of the training part held out for early stopping.</summary>
    public const double ValidationSplit = 0.1;

    /// <summary>Fewest training examples for which a validation split is made.</summary>
    public const int MinExamplesForValidation = 20;

    /// <summary>The seed of initialisation, splits and shuffling.</summary>
    public const int Seed = 1;

    /// <summary>The side images were resized to before the size came from the data (n_H = n_W = 64): still the size of a
    /// model whose metadata stores none, and the side counted for a file whose header cannot be read.</summary>
    public const int ImageSize = 64;

    /// <summary>Fewest and most pixels per side of a folder's images: 8 (the default CNN's smallest input) and 128 (photos
    /// keep enough detail while a 2-core step stays fast).</summary>
    public const int MinImageSide = 8, MaxImageSide = 128;

    /// <summary>The side s a folder's images are resized to (n_H = n_W = s): s = clamp(median of max(width, height), 8, 128),
    /// so 8×8 or 28×28 images keep their native size and large photos are shrunk to 128.</summary>
    public static int ImageSide(int medianSide) => Math.Clamp(medianSide, MinImageSide, MaxImageSide);

    /// <summary>How the default image CNN trains (<c>backprop train</c> on an image folder, a course .h5 or an IDX file), where
    /// it differs from a table's MLP. Measured on the course's cat vs non-cat (train on 150 of train_catvnoncat.h5's 209
    /// images, scored on test_catvnoncat.h5): the CNN without batch norm, dropout or schedule reached 0.80 and 0.70 for
    /// seeds 1 and 2; with them 0.88 and 0.90 (see docs/benchmarks.md).</summary>
    public static class Images
    {
        /// <summary>Examples per mini-batch: 32, more steps per epoch for the small photo sets a CNN usually gets.</summary>
        public const int BatchSize = 32;

        /// <summary>AdamW (decoupled weight decay <see cref="WeightDecay"/>) with α = <see cref="NetworkAdaptiveLearningRate"/>,
        /// on a cosine schedule (<see cref="Schedule"/>).</summary>
        public const string Optimizer = "adamw";

        /// <summary>Steps the CNN aims for without <c>--epochs</c>, and the fewest and most epochs: E = clamp(⌈4500 / ⌈m / B⌉⌉,
        /// 2, 150): 150 epochs for a few hundred photos (the cat set: 1,050 steps), 60 for 3,000, 3 for MNIST's 60,000
        /// digits. 1500 steps left 3,000 Fashion-MNIST photos (300 a class) under-fitted: held-out accuracy 0.743 / 0.733
        /// (seeds 1, 2) against 0.791 / 0.798 with 4500.</summary>
        public const int TargetSteps = 4500, MinEpochs = 2, MaxEpochs = 150;

        public static int Epochs(int examples, int batchSize)
        {
            int stepsPerEpoch = (examples + batchSize - 1) / batchSize;
            return Math.Clamp((TargetSteps + stepsPerEpoch - 1) / stepsPerEpoch, MinEpochs, MaxEpochs);
        }

        /// <summary>The learning-rate schedule: α rises linearly over <see cref="WarmupEpochs"/> epochs to α_max, then falls
        /// along a cosine to α_max / 10 at the last epoch (<see cref="Optimizers.WarmupCosineDecay"/>).</summary>
        public const string Schedule = "warm-up + cosine";

        public const int WarmupEpochs = 2;

        /// <summary>Early stopping of the CNN without <c>--early-stopping</c>: 0, off, so no validation split is held out and
        /// the cosine schedule runs to its end. Restoring the best weights on a validation split of a few photos picked
        /// noisy epochs: on cat vs non-cat (17 validation images) seeds 1–5 scored 0.80/0.86/0.86/0.84/0.34, against
        /// 0.88/0.90/0.90/0.84 for the schedule's last weights.</summary>
        public const int EarlyStoppingPatience = 0;

        /// <summary>The dropout rate before each dense layer of the head: 0.3.</summary>
        public const double Dropout = 0.3;
    }

    /// <summary>Image augmentation of a CNN run (<c>backprop train --augment</c>): the levels, what each adds, and which one
    /// each kind of image gets. Augmentation runs in training mode only; evaluate and predict see the images as they are.</summary>
    public static class Augment
    {
        /// <summary>none: the images as they are; light: a random horizontal flip and a shift of up to <see cref="Shift"/>
        /// of the side; full: light plus brightness and contrast jitter (<see cref="Brightness"/>, <see cref="Contrast"/>).</summary>
        public const string None = "none", Light = "light", Full = "full";

        /// <summary>The levels, weakest first.</summary>
        public static IReadOnlyList<string> Levels { get; } = [None, Light, Full];

        /// <summary>Photos (image folders, the course's HDF5 files): light. A mirrored or slightly moved cat is still a cat, and
        /// a few hundred photos overfit the CNN without it.</summary>
        public const string Photos = Light;

        /// <summary>Digits and handwriting (IDX files such as MNIST): none. A mirrored 2 or 5 is another symbol, and the
        /// digits are already centred.</summary>
        public const string Digits = None;

        /// <summary>The largest shift of light and full, as a fraction of the side: 0.1 (6 pixels of 64).</summary>
        public const double Shift = 0.1;

        /// <summary>full's brightness shift, in [−0.2, 0.2] on images scaled to [0, 1], and contrast factor, in [0.8, 1.2].</summary>
        public const double Brightness = 0.2, Contrast = 0.2;
    }

    /// <summary>The most bytes of gradients one all-reduce of data-parallel training carries: 25 MiB, PyTorch DDP's
    /// bucket_cap_mb. A model below it (the MNIST MLP's 2.1 MB, the cat model's 1 MB in float32) is one all-reduce a step;
    /// a larger one is ⌈bytes / 25 MiB⌉, and the bucket buffer never grows past it.</summary>
    public const int GradientBucketBytes = 25 << 20;

    /// <summary>The character model of <c>backprop train --task text</c>.</summary>
    public static class Text
    {
        /// <summary>Adam's α for the character LSTM: 0.005 (its loss falls fastest there on the dinosaur names).</summary>
        public const double LearningRate = 0.005;

        /// <summary>Windows per mini-batch.</summary>
        public const int BatchSize = 32;

        /// <summary>The tokenizer without <c>--tokenizer</c>: "char", one token per character (Data.Tokens.CharTokenizer).</summary>
        public const string Tokenizer = "char";

        /// <summary>Characters per training window (the length back-propagation through time covers).</summary>
        public const int Window = 64;

        /// <summary>Size of the character embedding.</summary>
        public const int EmbeddingSize = 32;

        /// <summary>Hidden units of the LSTM.</summary>
        public const int HiddenSize = 128;

        /// <summary>Epochs without <c>--epochs</c>: about 1500 steps, E = clamp(⌊1500 / ⌈m / B⌉⌋, 1, 60).</summary>
        public static int Epochs(int windows, int batchSize) => Math.Clamp(1500 / ((windows + batchSize - 1) / batchSize), 1, 60);

        /// <summary>The character GPT of <c>--model transformer</c>, sized for 2 cores (nanoGPT's "baby" shakespeare-char
        /// model is 6 blocks of 384; this is a quarter of its width and two thirds of its depth).</summary>
        public static class Transformer
        {
            public const int Blocks = 4, Width = 128, Heads = 4, Context = 128;

            /// <summary>AdamW's peak α after warm-up (nanoGPT's small-model rate), its decoupled weight decay λ, and the
            /// global norm gradients are clipped to.</summary>
            public const double LearningRate = 0.001, WeightDecay = 0.1, ClipNorm = 1.0;

            /// <summary>The text's tail held out for the validation loss and early stopping.</summary>
            public const double ValidationFraction = 0.1;

            /// <summary>Dropout p = 0.1 on the embeddings (after the positions are added) and on each block's attention
            /// weights. On a 35 KB text nobody here trained on (the GPL-3), validation loss 2.47 → 2.27 (0.2 gave 2.28).</summary>
            public const double Dropout = 0.1;

            /// <summary>The most bytes the one-hot training targets (N·L·V float32 values) may take before training windows
            /// stop overlapping: 256 MiB.</summary>
            public const long WindowTargetBytes = 256L << 20;

            /// <summary>Training windows start every s ids, s = clamp(⌈n·L·V·4 B / 256 MiB⌉, L/4, L) for n ids: on a small text they
            /// overlap (each id is seen at 4 places of the context; non-overlapping windows gave 2.84 on the GPL-3, a stride
            /// of L/4 2.47), on a large one they stop overlapping rather than outgrow memory.</summary>
            public static int WindowStride(int ids, int vocabulary)
            {
                long bytesPerStart = (long)Context * vocabulary * sizeof(float); // one window's targets
                long stride = (ids * bytesPerStart + WindowTargetBytes - 1) / WindowTargetBytes;
                return (int)Math.Clamp(stride, Context / 4, Context);
            }

            /// <summary>Epochs without a better validation loss before training stops (the best weights are kept).</summary>
            public const int Patience = 5;

            /// <summary>Steps of linear warm-up: 5 % of the run, at least 1.</summary>
            public static int WarmupSteps(int totalSteps) => Math.Max(1, totalSteps / 20);

            /// <summary>Epochs without <c>--epochs</c>: about 600 steps, E = clamp(⌊600 / ⌈m / B⌉⌋, 1, 60).</summary>
            public static int Epochs(int windows, int batchSize) => Math.Clamp(600 / ((windows + batchSize - 1) / batchSize), 1, 60);
        }
    }

    /// <summary>The playground's starting values, those of TensorFlow Playground, so its pictures can be compared.</summary>
    public static class Playground
    {
        /// <summary>Plain gradient descent with α = 0.03.</summary>
        public const string Optimizer = "gd";

        public const double LearningRate = 0.03;

        public const int BatchSize = 10;

        /// <summary>Share of the points used for training, in percent.</summary>
        public const int TrainPercent = 50;
    }

    private static bool IsAdaptive(string optimizer) => optimizer.Trim().ToLowerInvariant() is "adam" or "adamw" or "rmsprop";
}
