package experiment

// Limits on a spec. They keep one experiment small enough that a browser tab
// training it stays responsive, and they bound what a decoder may allocate.
const (
	// MaxLayers bounds the layers, output layer included: 16 hidden ones.
	MaxLayers = 17
	// MaxUnits bounds the units of one hidden layer.
	MaxUnits = 256
	// MaxParams bounds the trainable parameters of the whole network, output
	// layer included (a dense layer has in*out weights and out biases). At
	// this size a training step on a full batch costs about
	// 6*MaxBatch*MaxParams = 60 MFLOP, tens of milliseconds in WebAssembly
	// even without SIMD, so a frame that runs one step still comes back;
	// weights, gradients and two Adam moments take 1.6 MB. It admits one
	// 256x256 layer (65,792 parameters) but not two.
	MaxParams = 100_000

	// MinPoints and MaxPoints bound the generated points. Ten points leave
	// at least one for training and one for testing at any split.
	MinPoints = 10
	MaxPoints = 2000
	// MaxAdded bounds the points placed by clicking.
	MaxAdded = 200
	// MaxRemoved bounds the generated points removed by clicking; to drop
	// more, generate fewer.
	MaxRemoved = 500

	// MaxNoise is the largest noise, in percent.
	MaxNoise = 50
	// MinTrainPercent and MaxTrainPercent bound the share of points used for
	// training, so that both the training and the test set are non-empty.
	MinTrainPercent = 10
	MaxTrainPercent = 90

	// MaxBatch bounds the batch size: enough for a whole training set of
	// a small task (full-batch training, as grokking wants).
	MaxBatch = 1000
	// MaxStepWork bounds the examples one step runs times the network's
	// parameters (Spec.StepRows times Spec.NumParams). A step costs about
	// six floating-point operations per unit, so 60 MFLOP at most: the
	// largest network at a batch of 100, as before full batches were
	// allowed. L-BFGS steps on every training example, and one of its
	// evaluations cannot be split across frames, so this bound is also
	// the longest slice of training a frame can take (BENCHMARKS.md).
	MaxStepWork = 10_000_000

	// MaxLR bounds the learning rate, which must also be more than 0.
	MaxLR = 10
	// MaxWeightDecay bounds AdamW's decoupled weight decay.
	MaxWeightDecay = 1
	// MaxRegRate bounds the L1/L2 penalty rate, as TensorFlow Playground's
	// largest choice does.
	MaxRegRate = 10
	// MaxSpeed bounds the pace, in steps per animation frame.
	MaxSpeed = 1000
	// MaxScheduleSteps bounds a schedule's Every and Period, in steps.
	MaxScheduleSteps = 1_000_000
)

// Caps on encoded input, checked before anything is parsed. Every valid spec
// encodes well within them (a test builds the longest one).
const (
	// MaxHashLen is the longest URL hash DecodeHash reads, in bytes.
	MaxHashLen = 16 << 10
	// MaxJSONLen is the longest preset file DecodeJSON reads, in bytes:
	// room for the largest upload (data.MaxCSVRows points as CSV text,
	// about 110 KB).
	MaxJSONLen = 256 << 10
)
