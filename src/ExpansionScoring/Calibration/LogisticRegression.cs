namespace ExpansionScoring.Calibration;

/// <summary>L2-regularised logistic regression fitted by Newton's method (IRLS). The intercept is not penalised.</summary>
internal static class LogisticRegression
{
    public readonly record struct Fit(double[] Coefficients, double Intercept, int Iterations, bool Converged);

    /// <param name="x">Rows of features.</param>
    /// <param name="y">Outcomes.</param>
    /// <param name="l2">Penalty λ on Σβ² (on the features as given).</param>
    /// <param name="maxIterations">Newton steps at most.</param>
    /// <param name="tolerance">Stop when no coefficient moves more than this.</param>
    public static Fit Solve(double[][] x, bool[] y, double l2, int maxIterations = 100, double tolerance = 1e-9)
    {
        int n = x.Length;
        int d = n == 0 ? 0 : x[0].Length;
        int m = d + 1; // last is the intercept
        double[] beta = new double[m];
        double[] gradient = new double[m];
        double[,] hessian = new double[m, m];
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (int i = 0; i < n; i++)
            {
                double z = beta[d];
                for (int j = 0; j < d; j++)
                {
                    z += beta[j] * x[i][j];
                }

                double p = Sigmoid(z);
                double r = (y[i] ? 1 : 0) - p;
                double w = Math.Max(p * (1 - p), 1e-12);
                for (int j = 0; j < m; j++)
                {
                    double xj = j < d ? x[i][j] : 1;
                    gradient[j] += r * xj;
                    for (int k = j; k < m; k++)
                    {
                        double xk = k < d ? x[i][k] : 1;
                        hessian[j, k] += w * xj * xk;
                    }
                }
            }

            for (int j = 0; j < m; j++)
            {
                for (int k = 0; k < j; k++)
                {
                    hessian[j, k] = hessian[k, j];
                }

                if (j < d)
                {
                    gradient[j] -= l2 * beta[j];
                    hessian[j, j] += l2;
                }
            }

            double[] step = SolveLinear(hessian, gradient);
            double largest = 0;
            for (int j = 0; j < m; j++)
            {
                beta[j] += step[j];
                largest = Math.Max(largest, Math.Abs(step[j]));
            }

            if (largest < tolerance)
            {
                return new Fit(beta[..d], beta[d], iteration, true);
            }
        }

        return new Fit(beta[..d], beta[d], maxIterations, false);
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>Solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite).</summary>
    private static double[] SolveLinear(double[,] a, double[] b)
    {
        int m = b.Length;
        double[,] A = (double[,])a.Clone();
        double[] x = (double[])b.Clone();
        for (int col = 0; col < m; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < m; r++)
            {
                if (Math.Abs(A[r, col]) > Math.Abs(A[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(A[pivot, col]) < 1e-300)
            {
                continue;
            }

            if (pivot != col)
            {
                for (int c = 0; c < m; c++)
                {
                    (A[col, c], A[pivot, c]) = (A[pivot, c], A[col, c]);
                }

                (x[col], x[pivot]) = (x[pivot], x[col]);
            }

            for (int r = col + 1; r < m; r++)
            {
                double f = A[r, col] / A[col, col];
                for (int c = col; c < m; c++)
                {
                    A[r, c] -= f * A[col, c];
                }

                x[r] -= f * x[col];
            }
        }

        for (int r = m - 1; r >= 0; r--)
        {
            double s = x[r];
            for (int c = r + 1; c < m; c++)
            {
                s -= A[r, c] * x[c];
            }

            x[r] = Math.Abs(A[r, r]) < 1e-300 ? 0 : s / A[r, r];
        }

        return x;
    }
}
