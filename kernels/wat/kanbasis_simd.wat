;; kanbasis_simd.wat: the KAN layer's Chebyshev, Gaussian RBF and Fourier
;; bases over a batch (slots 32-34 of stub.wat) in SIMD128, four points
;; per vector.
;;
;; Semantics are those of ChebyshevBasis, RBFBasis and FourierBasis in
;; kanbasis.go, whose comment gives the recurrences: each group of four
;; points (a partial last group lane by lane, so nothing past the n-th
;; point is read or written) walks the nb functions, writing row m of b
;; (and db, unless its address is 0) at the group's columns. Chebyshev and
;; Fourier use only multiplies and adds, in the Go body's order, so all
;; three bodies agree bit for bit (no FMA in SIMD128); the Gaussians take
;; one exp per value, the activation kernels' polynomial (a copy, inline
;; in rbf_basis: a module cannot call another's functions but through the
;; table, and V8 does not inline a call within one).
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

  ;; $load_part reads the points p[0..left) into the low lanes (all four
  ;; when left >= 4), 0 in the rest.
  (func $load_part (param $p i32) (param $left i32) (result v128)
    (local $v v128)
    (if (i32.ge_s (local.get $left) (i32.const 4))
      (then (return (v128.load (local.get $p)))))
    (local.set $v (v128.load32_zero (local.get $p)))
    (if (i32.gt_s (local.get $left) (i32.const 1))
      (then (local.set $v (v128.load32_lane offset=4 1 (local.get $p) (local.get $v)))))
    (if (i32.gt_s (local.get $left) (i32.const 2))
      (then (local.set $v (v128.load32_lane offset=8 2 (local.get $p) (local.get $v)))))
    (local.get $v))

  ;; $store_part writes the low r (1-3) lanes of v at p. The kernels
  ;; inline the full-group store before it (v128.store when four points
  ;; are left): V8 does not inline wasm calls, and a call per value cost
  ;; more than the value.
  (func $store_part (param $p i32) (param $v v128) (param $r i32)
    (v128.store32_lane 0 (local.get $p) (local.get $v))
    (if (i32.gt_s (local.get $r) (i32.const 1))
      (then (v128.store32_lane offset=4 1 (local.get $p) (local.get $v))))
    (if (i32.gt_s (local.get $r) (i32.const 2))
      (then (v128.store32_lane offset=8 2 (local.get $p) (local.get $v)))))

  (func $chebyshev_basis (export "chebyshev_basis") (type $chebyshev)
    (param $n i32) (param $u i32) (param $inva f32) (param $nb i32) (param $b i32) (param $db i32) (param $ldb i32)
    (local $r i32) (local $left i32) (local $m i32) (local $off i32) (local $ldb4 i32)
    (local $uv v128) (local $du v128) (local $u2 v128) (local $t0 v128) (local $t1 v128)
    (local $d0 v128) (local $d1 v128) (local $t v128) (local $d v128)
    (if (i32.le_s (local.get $n) (i32.const 0)) (then (return)))
    (local.set $ldb4 (i32.shl (local.get $ldb) (i32.const 2)))
    (loop $groups
      (local.set $left (i32.sub (local.get $n) (local.get $r)))
      (local.set $off (i32.shl (local.get $r) (i32.const 2)))
      (local.set $uv (call $load_part (i32.add (local.get $u) (local.get $off)) (local.get $left)))
      ;; du/dx = (1 - u·u)·invA, 2u
      (local.set $du (f32x4.mul (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $uv) (local.get $uv)))
        (f32x4.splat (local.get $inva))))
      (local.set $u2 (f32x4.add (local.get $uv) (local.get $uv)))
      ;; T_0 = 1, T'_0 = 0
      (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $b) (local.get $off)) (v128.const f32x4 1 1 1 1))) (else (call $store_part (i32.add (local.get $b) (local.get $off)) (v128.const f32x4 1 1 1 1) (local.get $left))))
      (if (local.get $db)
        (then (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $db) (local.get $off)) (f32x4.mul (v128.const f32x4 0 0 0 0) (local.get $du)))) (else (call $store_part (i32.add (local.get $db) (local.get $off)) (f32x4.mul (v128.const f32x4 0 0 0 0) (local.get $du)) (local.get $left))))))
      (if (i32.gt_s (local.get $nb) (i32.const 1))
        (then
          ;; T_1 = u, T'_1·du/dx = 1·du/dx
          (local.set $off (i32.add (local.get $off) (local.get $ldb4)))
          (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $b) (local.get $off)) (local.get $uv))) (else (call $store_part (i32.add (local.get $b) (local.get $off)) (local.get $uv) (local.get $left))))
          (if (local.get $db)
            (then (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $db) (local.get $off)) (f32x4.mul (v128.const f32x4 1 1 1 1) (local.get $du)))) (else (call $store_part (i32.add (local.get $db) (local.get $off)) (f32x4.mul (v128.const f32x4 1 1 1 1) (local.get $du)) (local.get $left))))))
          (local.set $t0 (v128.const f32x4 1 1 1 1))
          (local.set $t1 (local.get $uv))
          (local.set $d0 (v128.const f32x4 0 0 0 0))
          (local.set $d1 (v128.const f32x4 1 1 1 1))
          (local.set $m (i32.const 2))
          (block $done
            (loop $terms
              (br_if $done (i32.ge_s (local.get $m) (local.get $nb)))
              (local.set $off (i32.add (local.get $off) (local.get $ldb4)))
              ;; T = 2u·T_1 - T_0, T' = (2T_1 + 2u·T'_1) - T'_0
              (local.set $t (f32x4.sub (f32x4.mul (local.get $u2) (local.get $t1)) (local.get $t0)))
              (local.set $d (f32x4.sub
                (f32x4.add (f32x4.add (local.get $t1) (local.get $t1)) (f32x4.mul (local.get $u2) (local.get $d1)))
                (local.get $d0)))
              (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $b) (local.get $off)) (local.get $t))) (else (call $store_part (i32.add (local.get $b) (local.get $off)) (local.get $t) (local.get $left))))
              (if (local.get $db)
                (then (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $db) (local.get $off)) (f32x4.mul (local.get $d) (local.get $du)))) (else (call $store_part (i32.add (local.get $db) (local.get $off)) (f32x4.mul (local.get $d) (local.get $du)) (local.get $left))))))
              (local.set $t0 (local.get $t1))
              (local.set $t1 (local.get $t))
              (local.set $d0 (local.get $d1))
              (local.set $d1 (local.get $d))
              (local.set $m (i32.add (local.get $m) (i32.const 1)))
              (br $terms)))))
      (br_if $groups (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 4))) (local.get $n)))))

  (func $rbf_basis (export "rbf_basis") (type $rbf)
    (param $n i32) (param $x i32) (param $lo f32) (param $hi f32) (param $nb i32) (param $b i32) (param $db i32) (param $ldb i32)
    (local $r i32) (local $left i32) (local $m i32) (local $off i32) (local $ldb4 i32)
    (local $h f64) (local $mu f64) (local $head f32)
    (local $inv v128) (local $slope v128) (local $xv v128) (local $d v128) (local $e v128)
    (local $ex v128) (local $et v128) (local $ek v128) (local $er v128) (local $en v128) (local $eh v128)
    (if (i32.le_s (local.get $n) (i32.const 0)) (then (return)))
    (local.set $ldb4 (i32.shl (local.get $ldb) (i32.const 2)))
    ;; h, 1/h and -2/h in float64, as the Go body
    (local.set $h (f64.div (f64.sub (f64.promote_f32 (local.get $hi)) (f64.promote_f32 (local.get $lo)))
      (f64.convert_i32_s (i32.sub (local.get $nb) (i32.const 1)))))
    (local.set $inv (f32x4.splat (f32.demote_f64 (f64.div (f64.const 1) (local.get $h)))))
    (local.set $slope (f32x4.splat (f32.demote_f64 (f64.div (f64.const -2) (local.get $h)))))
    (loop $groups
      (local.set $left (i32.sub (local.get $n) (local.get $r)))
      (local.set $off (i32.shl (local.get $r) (i32.const 2)))
      (local.set $xv (call $load_part (i32.add (local.get $x) (local.get $off)) (local.get $left)))
      (local.set $m (i32.const 0))
      (loop $terms
        ;; μ = lo + m·h in float64, split into head + tail;
        ;; d = ((x - head) - tail)·(1/h), B = exp(-d·d), B' = (-2/h·d)·B
        (local.set $mu (f64.add (f64.promote_f32 (local.get $lo))
          (f64.mul (f64.convert_i32_s (local.get $m)) (local.get $h))))
        (local.set $head (f32.demote_f64 (local.get $mu)))
        (local.set $d (f32x4.mul
          (f32x4.sub
            (f32x4.sub (local.get $xv) (f32x4.splat (local.get $head)))
            (f32x4.splat (f32.demote_f64 (f64.sub (local.get $mu) (f64.promote_f32 (local.get $head))))))
          (local.get $inv)))
        ;; e = exp(-d·d): the activation kernels' exp (activation_simd.wat,
        ;; where it is explained), inline, as V8 does not inline wasm calls
        (local.set $ex (f32x4.mul (f32x4.neg (local.get $d)) (local.get $d)))
        (local.set $e
        ;; clamp to [-110, 89] (NaN passes): beyond, the result is 0 or +Inf anyway
        (local.set $ex (f32x4.pmin (f32x4.pmax (local.get $ex) (v128.const f32x4 -110 -110 -110 -110))
          (v128.const f32x4 89 89 89 89)))
        ;; t = x·log2 e + 1.5·2^23 holds k = nearest(x·log2 e) in its low bits
        (local.set $et (f32x4.add (f32x4.mul (local.get $ex)
          (v128.const f32x4 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0))
          (v128.const f32x4 0x1.8p23 0x1.8p23 0x1.8p23 0x1.8p23)))
        (local.set $ek (f32x4.sub (local.get $et) (v128.const f32x4 0x1.8p23 0x1.8p23 0x1.8p23 0x1.8p23)))
        ;; r = x - k·C1 - k·C2
        (local.set $er (f32x4.sub
          (f32x4.sub (local.get $ex)
            (f32x4.mul (local.get $ek) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
          (f32x4.mul (local.get $ek) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
        ;; then $exp4_rn(r, k), inline (engines that do not inline wasm calls
        ;; would pay a call per vector): n = k as an integer, halved into two
        ;; exponents
        (local.set $en (i32x4.sub (local.get $et) (v128.const i32x4 0x4B400000 0x4B400000 0x4B400000 0x4B400000)))
        (local.set $eh (i32x4.shr_s (local.get $en) (i32.const 1)))
        (f32x4.mul
          (f32x4.mul
            (f32x4.add (f32x4.add
              (f32x4.mul
                (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul
                  (f32x4.add (f32x4.mul
                    (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4) (local.get $er))
                    (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)) (local.get $er))
                    (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)) (local.get $er))
                    (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)) (local.get $er))
                    (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)) (local.get $er))
                    (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1))
                (f32x4.mul (local.get $er) (local.get $er)))
              (local.get $er))
              (v128.const f32x4 1 1 1 1))
            (i32x4.shl (i32x4.add (local.get $eh) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
          (i32x4.shl (i32x4.add (i32x4.sub (local.get $en) (local.get $eh)) (v128.const i32x4 127 127 127 127))
            (i32.const 23))))
        (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $b) (local.get $off)) (local.get $e))) (else (call $store_part (i32.add (local.get $b) (local.get $off)) (local.get $e) (local.get $left))))
        (if (local.get $db)
          (then (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $db) (local.get $off)) (f32x4.mul (f32x4.mul (local.get $slope) (local.get $d)) (local.get $e)))) (else (call $store_part (i32.add (local.get $db) (local.get $off)) (f32x4.mul (f32x4.mul (local.get $slope) (local.get $d)) (local.get $e)) (local.get $left))))))
        (local.set $off (i32.add (local.get $off) (local.get $ldb4)))
        (br_if $terms (i32.lt_s (local.tee $m (i32.add (local.get $m) (i32.const 1))) (local.get $nb))))
      (br_if $groups (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 4))) (local.get $n)))))

  (func $fourier_basis (export "fourier_basis") (type $fourier)
    (param $n i32) (param $s i32) (param $c i32) (param $w f32) (param $nb i32) (param $b i32) (param $db i32) (param $ldb i32)
    (local $r i32) (local $left i32) (local $p i32) (local $off i32) (local $ldb4 i32) (local $at i32)
    (local $s1 v128) (local $c1 v128) (local $sn v128) (local $cn v128) (local $sv v128) (local $pw v128)
    (if (i32.le_s (local.get $n) (i32.const 0)) (then (return)))
    (local.set $ldb4 (i32.shl (local.get $ldb) (i32.const 2)))
    (loop $groups
      (local.set $left (i32.sub (local.get $n) (local.get $r)))
      (local.set $off (i32.shl (local.get $r) (i32.const 2)))
      (local.set $s1 (call $load_part (i32.add (local.get $s) (local.get $off)) (local.get $left)))
      (local.set $c1 (call $load_part (i32.add (local.get $c) (local.get $off)) (local.get $left)))
      (local.set $sn (local.get $s1))
      (local.set $cn (local.get $c1))
      (local.set $p (i32.const 1))
      (block $pairs_done
        (loop $pairs
          (br_if $pairs_done (i32.gt_s (i32.shl (local.get $p) (i32.const 1)) (local.get $nb)))
          (if (i32.gt_s (local.get $p) (i32.const 1))
            (then
              ;; sin(p+1)θ = sin pθ·cos θ + cos pθ·sin θ, cos(p+1)θ = cos pθ·cos θ - sin pθ·sin θ
              (local.set $sv (f32x4.add (f32x4.mul (local.get $sn) (local.get $c1)) (f32x4.mul (local.get $cn) (local.get $s1))))
              (local.set $cn (f32x4.sub (f32x4.mul (local.get $cn) (local.get $c1)) (f32x4.mul (local.get $sn) (local.get $s1))))
              (local.set $sn (local.get $sv))))
          (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $b) (local.get $off)) (local.get $cn))) (else (call $store_part (i32.add (local.get $b) (local.get $off)) (local.get $cn) (local.get $left))))
          (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (i32.add (local.get $b) (local.get $off)) (local.get $ldb4)) (local.get $sn))) (else (call $store_part (i32.add (i32.add (local.get $b) (local.get $off)) (local.get $ldb4)) (local.get $sn) (local.get $left))))
          (if (local.get $db)
            (then
              (local.set $pw (f32x4.splat (f32.mul (f32.convert_i32_s (local.get $p)) (local.get $w))))
              (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $db) (local.get $off)) (f32x4.mul (f32x4.neg (local.get $pw)) (local.get $sn)))) (else (call $store_part (i32.add (local.get $db) (local.get $off)) (f32x4.mul (f32x4.neg (local.get $pw)) (local.get $sn)) (local.get $left))))
              (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (i32.add (local.get $db) (local.get $off)) (local.get $ldb4)) (f32x4.mul (local.get $pw) (local.get $cn)))) (else (call $store_part (i32.add (i32.add (local.get $db) (local.get $off)) (local.get $ldb4)) (f32x4.mul (local.get $pw) (local.get $cn)) (local.get $left))))))
          (local.set $off (i32.add (local.get $off) (i32.shl (local.get $ldb4) (i32.const 1))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $pairs)))
      ;; an odd count ends with the constant 1, slope 0 ($off is its row)
      (if (i32.and (local.get $nb) (i32.const 1))
        (then
          (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $b) (local.get $off)) (v128.const f32x4 1 1 1 1))) (else (call $store_part (i32.add (local.get $b) (local.get $off)) (v128.const f32x4 1 1 1 1) (local.get $left))))
          (if (local.get $db)
            (then (if (i32.ge_s (local.get $left) (i32.const 4)) (then (v128.store (i32.add (local.get $db) (local.get $off)) (v128.const f32x4 0 0 0 0))) (else (call $store_part (i32.add (local.get $db) (local.get $off)) (v128.const f32x4 0 0 0 0) (local.get $left))))))))
      (br_if $groups (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 4))) (local.get $n)))))
)
