;; The stub module: the functions Go imports (//go:wasmimport kernels NAME).
;;
;; Go's module must have all its imports when it is instantiated, but the
;; kernel modules import Go's memory, which exists only after that. So Go
;; imports these stubs instead; each one forwards its arguments through
;; call_indirect to a fixed slot of a table that the kernel modules fill
;; (with active elem segments) once Go's memory exists. No JavaScript is
;; on the call path. PLATFORM.md measured about 10 ns per call this way.
;;
;; This file is the ABI: the slot of each kernel and its signature. Every
;; pointer is an i32 byte address into Go's memory, every size an i32,
;; every scalar an f32. The kernel modules fill the slots:
;;   gemm_*.wat        0-2
;;   vector_*.wat      3-10
;;   activation_*.wat  11-24
;;   bspline_*.wat     25 (the KAN layer's B-spline basis)
;;   lif_*.wat         26-31 (the spiking layer: spike-driven products, the
;;                     membrane recurrence forward and back, learned delays'
;;                     Gaussian taps and their gradients)
;;   kanbasis_*.wat    32-34 (the KAN layer's Chebyshev, Gaussian RBF and
;;                     Fourier bases)
;; Slots 35-63 are free for later kernels.
(module
  (import "env" "kernels" (table 64 funcref))

  ;; (m n k alpha a lda b ldb beta c ldc)
  (type $gemm (func (param i32 i32 i32 f32 i32 i32 i32 i32 f32 i32 i32)))
  ;; (n alpha x y)
  (type $axpy (func (param i32 f32 i32 i32)))
  ;; (n alpha x)
  (type $scale (func (param i32 f32 i32)))
  ;; (n x y) -> sum
  (type $dot (func (param i32 i32 i32) (result f32)))
  ;; (n x) -> sum
  (type $reduce (func (param i32 i32) (result f32)))
  ;; (rows cols v a lda): add_bias (bias, c, ldc), sum_rows (a, lda, dst) swaps the roles
  (type $rows (func (param i32 i32 i32 i32 i32)))
  ;; (n w g m v lr beta1 beta2 eps corr1 corr2)
  (type $adam (func (param i32 i32 i32 i32 i32 f32 f32 f32 f32 f32 f32)))
  ;; (n y x)
  (type $unary (func (param i32 i32 i32)))
  ;; (n dx x y dy)
  (type $backward (func (param i32 i32 i32 i32 i32)))
  ;; (rows cols x)
  (type $softmax (func (param i32 i32 i32)))
  ;; (n x incx k nt t inv b db ldb work)
  (type $bspline (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  ;; (n x a lda len y)
  (type $active (func (param i32 i32 i32 i32 i32 i32)))
  ;; (rows steps n beta thresh cur h s)
  (type $lif_forward (func (param i32 i32 i32 f32 f32 i32 i32 i32)))
  ;; (rows steps n beta thresh alpha h ds g)
  (type $lif_backward (func (param i32 i32 i32 f32 f32 f32 i32 i32 i32)))
  ;; (in out taps sigma pos w gauss kernel)
  (type $dcls_kernel (func (param i32 i32 i32 f32 i32 i32 i32 i32)))
  ;; (in out taps sigma pos w gauss dk wgrad pgrad)
  (type $dcls_backward (func (param i32 i32 i32 f32 i32 i32 i32 i32 i32 i32)))
  ;; (n u inva nb b db ldb)
  (type $chebyshev (func (param i32 i32 f32 i32 i32 i32 i32)))
  ;; (n x lo hi nb b db ldb)
  (type $rbf (func (param i32 i32 f32 f32 i32 i32 i32 i32)))
  ;; (n s c w nb b db ldb)
  (type $fourier (func (param i32 i32 i32 f32 i32 i32 i32 i32)))

  (func (export "gemm_nn") (type $gemm)
    (call_indirect (type $gemm) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (local.get 8) (local.get 9) (local.get 10) (i32.const 0)))
  (func (export "gemm_nt") (type $gemm)
    (call_indirect (type $gemm) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (local.get 8) (local.get 9) (local.get 10) (i32.const 1)))
  (func (export "gemm_tn") (type $gemm)
    (call_indirect (type $gemm) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (local.get 8) (local.get 9) (local.get 10) (i32.const 2)))

  (func (export "axpy") (type $axpy)
    (call_indirect (type $axpy) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (i32.const 3)))
  (func (export "axpy_sign") (type $axpy)
    (call_indirect (type $axpy) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (i32.const 4)))
  (func (export "scale") (type $scale)
    (call_indirect (type $scale) (local.get 0) (local.get 1) (local.get 2) (i32.const 5)))
  (func (export "dot") (type $dot)
    (call_indirect (type $dot) (local.get 0) (local.get 1) (local.get 2) (i32.const 6)))
  (func (export "sum_abs") (type $reduce)
    (call_indirect (type $reduce) (local.get 0) (local.get 1) (i32.const 7)))
  (func (export "add_bias") (type $rows)
    (call_indirect (type $rows) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (i32.const 8)))
  (func (export "sum_rows") (type $rows)
    (call_indirect (type $rows) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (i32.const 9)))
  (func (export "adam_update") (type $adam)
    (call_indirect (type $adam) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (local.get 8) (local.get 9) (local.get 10) (i32.const 10)))

  (func (export "relu") (type $unary)
    (call_indirect (type $unary) (local.get 0) (local.get 1) (local.get 2) (i32.const 11)))
  (func (export "relu_backward") (type $backward)
    (call_indirect (type $backward) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (i32.const 12)))
  (func (export "tanh") (type $unary)
    (call_indirect (type $unary) (local.get 0) (local.get 1) (local.get 2) (i32.const 13)))
  (func (export "tanh_backward") (type $backward)
    (call_indirect (type $backward) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (i32.const 14)))
  (func (export "sigmoid") (type $unary)
    (call_indirect (type $unary) (local.get 0) (local.get 1) (local.get 2) (i32.const 15)))
  (func (export "sigmoid_backward") (type $backward)
    (call_indirect (type $backward) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (i32.const 16)))
  (func (export "gelu") (type $unary)
    (call_indirect (type $unary) (local.get 0) (local.get 1) (local.get 2) (i32.const 17)))
  (func (export "gelu_backward") (type $backward)
    (call_indirect (type $backward) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (i32.const 18)))
  (func (export "silu") (type $unary)
    (call_indirect (type $unary) (local.get 0) (local.get 1) (local.get 2) (i32.const 19)))
  (func (export "silu_backward") (type $backward)
    (call_indirect (type $backward) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (i32.const 20)))
  (func (export "sine") (type $unary)
    (call_indirect (type $unary) (local.get 0) (local.get 1) (local.get 2) (i32.const 21)))
  (func (export "sine_backward") (type $backward)
    (call_indirect (type $backward) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (i32.const 22)))
  (func (export "softmax_rows") (type $softmax)
    (call_indirect (type $softmax) (local.get 0) (local.get 1) (local.get 2) (i32.const 23)))
  (func (export "log_softmax_rows") (type $softmax)
    (call_indirect (type $softmax) (local.get 0) (local.get 1) (local.get 2) (i32.const 24)))

  (func (export "bspline_basis") (type $bspline)
    (call_indirect (type $bspline) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (local.get 8) (local.get 9) (local.get 10) (i32.const 25)))

  (func (export "gather_active_rows") (type $active)
    (call_indirect (type $active) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (i32.const 26)))
  (func (export "scatter_active_rows") (type $active)
    (call_indirect (type $active) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (i32.const 27)))
  (func (export "lif_forward") (type $lif_forward)
    (call_indirect (type $lif_forward) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (i32.const 28)))
  (func (export "lif_backward") (type $lif_backward)
    (call_indirect (type $lif_backward) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (local.get 8) (i32.const 29)))
  (func (export "dcls_kernel") (type $dcls_kernel)
    (call_indirect (type $dcls_kernel) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (i32.const 30)))
  (func (export "dcls_backward") (type $dcls_backward)
    (call_indirect (type $dcls_backward) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (local.get 8) (local.get 9) (i32.const 31)))

  (func (export "chebyshev_basis") (type $chebyshev)
    (call_indirect (type $chebyshev) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (i32.const 32)))
  (func (export "rbf_basis") (type $rbf)
    (call_indirect (type $rbf) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (i32.const 33)))
  (func (export "fourier_basis") (type $fourier)
    (call_indirect (type $fourier) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)
      (local.get 6) (local.get 7) (i32.const 34)))
)
