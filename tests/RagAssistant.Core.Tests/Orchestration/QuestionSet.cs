namespace RagAssistant.Core.Tests.Orchestration;

/// <summary>
/// Questions over the sample corpus (the four saved Daily Papers pages), written for these tests, with
/// the papers that answer them. The wording paraphrases rather than repeats the titles, as a user would.
/// </summary>
internal static class QuestionSet
{
    /// <summary>Questions one paper answers; that paper (by title) should be cited.</summary>
    public static readonly IReadOnlyList<(string Question, string ExpectedTitle)> SinglePaper =
    [
        ("Which papers emulate CO2 transport in the atmosphere with neural nets?", "Atmospheric Transport Modeling of CO$_2$ with Neural Networks"),
        ("How can classification metrics such as the F1 score be turned into a differentiable loss?", "AnyLoss: Transforming Classification Metrics into Loss Functions"),
        ("Is there a deep learning method that picks P and S wave arrival times in seismograms?", "PhaseNet: A Deep-Neural-Network-Based Seismic Arrival Time Picking Method"),
        ("Can a network learn without back-propagation or forward propagation?", "NoProp: Training Neural Networks without Back-propagation or Forward-propagation"),
        ("Can a machine learn to make moral judgements about everyday situations?", "Can Machines Learn Morality? The Delphi Experiment"),
        ("Is FP8 or INT8 better for efficient inference of deep networks?", "FP8 versus INT8 for efficient deep learning inference"),
        ("How can wheat yellow rust be told apart from nitrogen deficiency with satellite images?", "A Fast Fourier Convolutional Deep Neural Network For Accurate and Explainable Discrimination Of Wheat Yellow Rust And Nitrogen Deficiency From Sentinel-2 Time-Series Data"),
        ("Predicting cryptocurrency prices with transformers and technical indicators", "Enhancing Price Prediction in Cryptocurrency Using Transformer Neural Network and Technical Indicators"),
        ("How can driver drowsiness be detected from EEG signals across subjects?", "EEG-based Cross-Subject Driver Drowsiness Recognition with an Interpretable Convolutional Neural Network"),
        ("Is there a pretrained universal potential that models charge for atomistic simulation?", "CHGNet: Pretrained universal neural network potential for charge-informed atomistic modeling"),
        ("Predicting acid mine drainage from kinetic tests with an artificial neural network", "The Application of Artificial Neural Network Model to Predicting the Acid Mine Drainage from Long-Term Lab Scale Kinetic Test"),
        ("How can the drag coefficient of a car be predicted from rendered images?", "Surrogate Modeling of Car Drag Coefficient with Depth and Normal Renderings"),
        ("Which optimizer uses adaptive estimates of lower-order moments of the gradient?", "Adam: A Method for Stochastic Optimization"),
        ("Can GPT-4 design neural network architectures?", "Can GPT-4 Perform Neural Architecture Search?"),
        ("Which optimizer takes k fast steps forward and then one step back?", "Lookahead Optimizer: k steps forward, 1 step back"),
        ("Training spiking neural networks that need only a single time step", "One Timestep is All You Need: Training Spiking Neural Networks with Ultra Low Latency"),
        ("Counting people in dense crowds with multi-scale networks", "Redesigning Multi-Scale Neural Network for Crowd Counting"),
        ("Forecasting how knee osteoarthritis will progress", "CLIMAT: Clinically-Inspired Multi-Agent Transformers for Knee Osteoarthritis Trajectory Forecasting"),
        ("Segmenting mediastinal lymph nodes in CT scans", "Mediastinal lymph nodes segmentation using 3D convolutional neural network ensembles and anatomical priors guiding"),
        ("Solving quantum well problems with physics-informed neural networks", "Physics-Informed Neural Networks for One-Dimensional Quantum Well Problems"),
        ("A face recognition loss that constrains features on a hypersphere with sigmoid curves", "SFace: Sigmoid-Constrained Hypersphere Loss for Robust Face Recognition"),
        ("Diagnosing Alzheimer's disease from multi-omics data with graph convolution", "SGUQ: Staged Graph Convolution Neural Network for Alzheimer's Disease Diagnosis using Multi-Omics Data"),
        ("Approximate nearest neighbor search optimised with contrastive reinforcement learning", "CRINN: Contrastive Reinforcement Learning for Approximate Nearest Neighbor Search"),
        ("Predicting link load under concept drift caused by network failures", "Liquid Neural Network-based Adaptive Learning vs. Incremental Learning for Link Load Prediction amid Concept Drift due to Network Failures"),
    ];

    /// <summary>Questions several papers speak to; a cited paper counts as relevant when its title says so.</summary>
    public static readonly IReadOnlyList<(string Question, Func<string, bool> IsRelevant)> Topics =
    [
        ("Which papers automate neural architecture search?", title => Has(title, "Architecture Search", "NAS", "Architecture Optimization", "Architecture Selection", "Super-Net", "Supernets", "Architecture Exploration", "Architectures", "Hyperparameter Search")),
        ("Summarise what these papers say about uncertainty for neural network potentials", title => Has(title, "Potential", "Uncertainty", "Atomistic", "Interatomic", "Inter-Atomic", "OrbNet")),
        ("Which papers build on Kolmogorov-Arnold networks?", title => Has(title, "Kolmogorov-Arnold", "KAN")),
        ("Neural operators and surrogates that solve partial differential equations", title => Has(title, "PDE", "Operator", "PINN", "Physics-Informed", "Differential Equations", "Surrogate", "Neural Fields")),
        ("Methods for hyperparameter optimization", title => Has(title, "Hyperparameter", "Hyper-parameter", "Bayesian Optimi", "Freeze-Thaw", "Learning Curve", "Self-Tuning", "hyperparameter")),
        ("How transferable are adversarial examples between models?", title => Has(title, "Adversarial", "Attack", "Transferab")),
    ];

    /// <summary>Questions no paper of an ML corpus covers: the answer must say so and cite nothing.</summary>
    public static readonly IReadOnlyList<string> OffTopic =
    [
        "What is a good recipe for sourdough bread?",
        "Who won the 2018 FIFA World Cup final?",
        "How do I repot a monstera plant?",
        "What were the causes of the French Revolution?",
        "Which medieval castles can be visited in Scotland?",
        "How do I change the oil in my car?",
        "What is the best time of year to visit Japan?",
    ];

    private static bool Has(string title, params string[] words) =>
        words.Any(word => title.Contains(word, StringComparison.OrdinalIgnoreCase));
}
