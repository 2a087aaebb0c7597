;; kanbasis_scalar.wat: the KAN layer's Chebyshev, Gaussian RBF and
;; Fourier bases over a batch (slots 32-34 of stub.wat) without SIMD, for
;; browsers that lack SIMD128 (WebAssembly 1.0 instructions only).
;;
;; The algorithms of kanbasis_simd.wat one point at a time, in the same
;; order, so Chebyshev and Fourier agree bit for bit with the SIMD and Go
;; bodies and the Gaussians with the SIMD body ($exp is the activation
;; kernels' scalar exp, copied). db = 0 skips the derivatives.
(module
  (import "go" "mem" (memory 0))
  (import "env" "kernels" (table 64 funcref))

  ;; (n u inva nb b db ldb)
  (type $chebyshev (func (param i32 i32 f32 i32 i32 i32 i32)))
  ;; (n x lo hi nb b db ldb)
  (type $rbf (func (param i32 i32 f32 f32 i32 i32 i32 i32)))
  ;; (n s c w nb b db ldb)
  (type $fourier (func (param i32 i32 i32 f32 i32 i32 i32 i32)))

  (elem (i32.const 32) func $chebyshev_basis $rbf_basis $fourier_basis)

  (func $chebyshev_basis (export "chebyshev_basis") (type $chebyshev)
    (param $n i32) (param $u i32) (param $inva f32) (param $nb i32) (param $b i32) (param $db i32) (param $ldb i32)
    (local $r i32) (local $m i32) (local $off i32) (local $ldb4 i32)
    (local $uv f32) (local $du f32) (local $u2 f32) (local $t0 f32) (local $t1 f32)
    (local $d0 f32) (local $d1 f32) (local $t f32) (local $d f32)
    (if (i32.le_s (local.get $n) (i32.const 0)) (then (return)))
    (local.set $ldb4 (i32.shl (local.get $ldb) (i32.const 2)))
    (loop $points
      (local.set $off (i32.shl (local.get $r) (i32.const 2)))
      (local.set $uv (f32.load (i32.add (local.get $u) (local.get $off))))
      (local.set $du (f32.mul (f32.sub (f32.const 1) (f32.mul (local.get $uv) (local.get $uv))) (local.get $inva)))
      (local.set $u2 (f32.add (local.get $uv) (local.get $uv)))
      (f32.store (i32.add (local.get $b) (local.get $off)) (f32.const 1))
      (if (local.get $db)
        (then (f32.store (i32.add (local.get $db) (local.get $off)) (f32.mul (f32.const 0) (local.get $du)))))
      (if (i32.gt_s (local.get $nb) (i32.const 1))
        (then
          (local.set $off (i32.add (local.get $off) (local.get $ldb4)))
          (f32.store (i32.add (local.get $b) (local.get $off)) (local.get $uv))
          (if (local.get $db)
            (then (f32.store (i32.add (local.get $db) (local.get $off)) (f32.mul (f32.const 1) (local.get $du)))))
          (local.set $t0 (f32.const 1))
          (local.set $t1 (local.get $uv))
          (local.set $d0 (f32.const 0))
          (local.set $d1 (f32.const 1))
          (local.set $m (i32.const 2))
          (block $done
            (loop $terms
              (br_if $done (i32.ge_s (local.get $m) (local.get $nb)))
              (local.set $off (i32.add (local.get $off) (local.get $ldb4)))
              (local.set $t (f32.sub (f32.mul (local.get $u2) (local.get $t1)) (local.get $t0)))
              (local.set $d (f32.sub
                (f32.add (f32.add (local.get $t1) (local.get $t1)) (f32.mul (local.get $u2) (local.get $d1)))
                (local.get $d0)))
              (f32.store (i32.add (local.get $b) (local.get $off)) (local.get $t))
              (if (local.get $db)
                (then (f32.store (i32.add (local.get $db) (local.get $off)) (f32.mul (local.get $d) (local.get $du)))))
              (local.set $t0 (local.get $t1))
              (local.set $t1 (local.get $t))
              (local.set $d0 (local.get $d1))
              (local.set $d1 (local.get $d))
              (local.set $m (i32.add (local.get $m) (i32.const 1)))
              (br $terms)))))
      (br_if $points (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $n)))))

  (func $rbf_basis (export "rbf_basis") (type $rbf)
    (param $n i32) (param $x i32) (param $lo f32) (param $hi f32) (param $nb i32) (param $b i32) (param $db i32) (param $ldb i32)
    (local $r i32) (local $m i32) (local $off i32) (local $ldb4 i32)
    (local $h f64) (local $mu f64) (local $head f32) (local $tail f32)
    (local $inv f32) (local $slope f32) (local $d f32) (local $e f32)
    (if (i32.le_s (local.get $n) (i32.const 0)) (then (return)))
    (local.set $ldb4 (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $h (f64.div (f64.sub (f64.promote_f32 (local.get $hi)) (f64.promote_f32 (local.get $lo)))
      (f64.convert_i32_s (i32.sub (local.get $nb) (i32.const 1)))))
    (local.set $inv (f32.demote_f64 (f64.div (f64.const 1) (local.get $h))))
    (local.set $slope (f32.demote_f64 (f64.div (f64.const -2) (local.get $h))))
    ;; function-major here too (one function over all points), so the
    ;; centre is split once per function
    (loop $terms
      (local.set $mu (f64.add (f64.promote_f32 (local.get $lo))
        (f64.mul (f64.convert_i32_s (local.get $m)) (local.get $h))))
      (local.set $head (f32.demote_f64 (local.get $mu)))
      (local.set $tail (f32.demote_f64 (f64.sub (local.get $mu) (f64.promote_f32 (local.get $head)))))
      (local.set $off (i32.shl (i32.mul (local.get $m) (local.get $ldb)) (i32.const 2)))
      (local.set $r (i32.const 0))
      (loop $points
        (local.set $d (f32.mul
          (f32.sub (f32.sub (f32.load (i32.add (local.get $x) (i32.shl (local.get $r) (i32.const 2)))) (local.get $head))
            (local.get $tail))
          (local.get $inv)))
        (local.set $e (call $exp (f32.mul (f32.neg (local.get $d)) (local.get $d))))
        (f32.store (i32.add (local.get $b) (local.get $off)) (local.get $e))
        (if (local.get $db)
          (then (f32.store (i32.add (local.get $db) (local.get $off))
            (f32.mul (f32.mul (local.get $slope) (local.get $d)) (local.get $e)))))
        (local.set $off (i32.add (local.get $off) (i32.const 4)))
        (br_if $points (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $n))))
      (br_if $terms (i32.lt_s (local.tee $m (i32.add (local.get $m) (i32.const 1))) (local.get $nb)))))

  (func $fourier_basis (export "fourier_basis") (type $fourier)
    (param $n i32) (param $s i32) (param $c i32) (param $w f32) (param $nb i32) (param $b i32) (param $db i32) (param $ldb i32)
    (local $r i32) (local $p i32) (local $off i32) (local $ldb4 i32)
    (local $s1 f32) (local $c1 f32) (local $sn f32) (local $cn f32) (local $sv f32) (local $pw f32)
    (if (i32.le_s (local.get $n) (i32.const 0)) (then (return)))
    (local.set $ldb4 (i32.shl (local.get $ldb) (i32.const 2)))
    (loop $points
      (local.set $off (i32.shl (local.get $r) (i32.const 2)))
      (local.set $s1 (f32.load (i32.add (local.get $s) (local.get $off))))
      (local.set $c1 (f32.load (i32.add (local.get $c) (local.get $off))))
      (local.set $sn (local.get $s1))
      (local.set $cn (local.get $c1))
      (local.set $p (i32.const 1))
      (block $pairs_done
        (loop $pairs
          (br_if $pairs_done (i32.gt_s (i32.shl (local.get $p) (i32.const 1)) (local.get $nb)))
          (if (i32.gt_s (local.get $p) (i32.const 1))
            (then
              (local.set $sv (f32.add (f32.mul (local.get $sn) (local.get $c1)) (f32.mul (local.get $cn) (local.get $s1))))
              (local.set $cn (f32.sub (f32.mul (local.get $cn) (local.get $c1)) (f32.mul (local.get $sn) (local.get $s1))))
              (local.set $sn (local.get $sv))))
          (f32.store (i32.add (local.get $b) (local.get $off)) (local.get $cn))
          (f32.store (i32.add (i32.add (local.get $b) (local.get $off)) (local.get $ldb4)) (local.get $sn))
          (if (local.get $db)
            (then
              (local.set $pw (f32.mul (f32.convert_i32_s (local.get $p)) (local.get $w)))
              (f32.store (i32.add (local.get $db) (local.get $off)) (f32.mul (f32.neg (local.get $pw)) (local.get $sn)))
              (f32.store (i32.add (i32.add (local.get $db) (local.get $off)) (local.get $ldb4))
                (f32.mul (local.get $pw) (local.get $cn)))))
          (local.set $off (i32.add (local.get $off) (i32.shl (local.get $ldb4) (i32.const 1))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $pairs)))
      (if (i32.and (local.get $nb) (i32.const 1))
        (then
          (f32.store (i32.add (local.get $b) (local.get $off)) (f32.const 1))
          (if (local.get $db)
            (then (f32.store (i32.add (local.get $db) (local.get $off)) (f32.const 0))))))
      (br_if $points (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $n)))))

  ;; ---- exp, as activation_*.wat compute it (see there) ----

  (func $exp (param $x f32) (result f32)
    (local $t f32) (local $k f32)
    ;; clamp to [-110, 89] (NaN passes): beyond, the result is 0 or +Inf
    ;; anyway. Comparisons rather than f32.min/max, which engines expand
    ;; into NaN and signed-zero checks.
    (if (f32.lt (local.get $x) (f32.const -110)) (then (local.set $x (f32.const -110))))
    (if (f32.gt (local.get $x) (f32.const 89)) (then (local.set $x (f32.const 89))))
    ;; t = x·log2 e + 1.5·2^23 holds k = nearest(x·log2 e) in its low bits
    (local.set $t (f32.add (f32.mul (local.get $x) (f32.const 0x1.715476p+0)) (f32.const 0x1.8p23)))
    (local.set $k (f32.sub (local.get $t) (f32.const 0x1.8p23)))
    (call $exp_rn
      ;; r = x - k·C1 - k·C2
      (f32.sub
        (f32.sub (local.get $x) (f32.mul (local.get $k) (f32.const 0.693359375)))
        (f32.mul (local.get $k) (f32.const -2.12194440e-4)))
      (i32.sub (i32.reinterpret_f32 (local.get $t)) (i32.const 0x4B400000))))

  ;; $exp_rn is e^r·2^n for |r| <= ln2/2 (a little more is fine) and n in
  ;; [-160, 128]: the polynomial, and 2^n as 2^(n>>1)·2^(n-(n>>1)).
  (func $exp_rn (param $r f32) (param $n i32) (result f32)
    (local $h i32)
    (local.set $h (i32.shr_s (local.get $n) (i32.const 1)))
    (f32.mul
      (f32.mul
        (f32.add (f32.add
          (f32.mul
            (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul
              (f32.add (f32.mul
                (f32.const 1.9875691500e-4) (local.get $r))
                (f32.const 1.3981999507e-3)) (local.get $r))
                (f32.const 8.3334519073e-3)) (local.get $r))
                (f32.const 4.1665795894e-2)) (local.get $r))
                (f32.const 1.6666665459e-1)) (local.get $r))
                (f32.const 5.0000001201e-1))
            (f32.mul (local.get $r) (local.get $r)))
          (local.get $r))
          (f32.const 1))
        (f32.reinterpret_i32 (i32.shl (i32.add (local.get $h) (i32.const 127)) (i32.const 23))))
      (f32.reinterpret_i32 (i32.shl (i32.add (i32.sub (local.get $n) (local.get $h)) (i32.const 127))
        (i32.const 23)))))
)
