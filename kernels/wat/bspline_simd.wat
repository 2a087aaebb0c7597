;; bspline_simd.wat: the KAN layer's batched B-spline basis (slot 25 of
;; stub.wat) in SIMD128, four points per vector.
;;
;; Semantics are those of BSplineBasis in bspline.go, whose comment gives
;; the recursion: the knots' reciprocal differences come precomputed in
;; inv (BSplineInverses), so the loop multiplies and never divides. For
;; each group of four points (x gathered lane by lane, stride incx):
;;   level 0: B_{j,0} = 1 where t_j <= x < t_{j+1}, for every interval j,
;;            into work (one vector per interval);
;;   levels 1..k-1: in place in work, j ascending (B_{j+1,p-1} is still
;;            there when B_{j,p} needs it);
;;   level k: the values and the derivatives, straight into b and db (row
;;            m = basis m, column = point), a partial group of 1-3 points
;;            lane by lane so nothing past the n-th point is written.
;; A point outside [t_0, t_{nt-1}) or NaN has no interval, so all its
;; indicators are 0; its lanes of x are replaced by 0 for the arithmetic,
;; so an infinite x gives 0·finite, not inf·0 = NaN.
;;
;; Exactness against the Go body (float32 arithmetic, no FMA in SIMD128):
;; every value is ((x-t_j)·inv)·B + ((t-x)·inv)·B' and every derivative
;; k·(B·inv - B'·inv), in the Go body's order; the terms the Go body skips
;; (bases that are 0 at the point) are exact zeros here, so the results
;; agree bit for bit up to the sign of a zero (Go compiled without FMA).
;; db = 0 (a nil slice) skips the derivatives.
(module
  (import "go" "mem" (memory 0))
  (import "env" "kernels" (table 64 funcref))

  ;; (n x incx k nt t inv b db ldb work)
  (type $bspline (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))

  (elem (i32.const 25) func $bspline_basis)

  ;; $store_part writes the low r (1-3) lanes of v at p.
  (func $store_part (param $p i32) (param $v v128) (param $r i32)
    (v128.store32_lane 0 (local.get $p) (local.get $v))
    (if (i32.gt_s (local.get $r) (i32.const 1))
      (then (v128.store32_lane offset=4 1 (local.get $p) (local.get $v))))
    (if (i32.gt_s (local.get $r) (i32.const 2))
      (then (v128.store32_lane offset=8 2 (local.get $p) (local.get $v)))))

  (func $bspline_basis (export "bspline_basis") (type $bspline)
    (param $n i32) (param $x i32) (param $incx i32) (param $k i32) (param $nt i32)
    (param $t i32) (param $inv i32) (param $b i32) (param $db i32) (param $ldb i32) (param $work i32)
    (local $r i32)     ;; first point of the group
    (local $left i32)  ;; points from r on
    (local $xp i32)    ;; address of x_r
    (local $step i32)  ;; bytes between two points' x
    (local $ldb4 i32)  ;; bytes between two rows of b
    (local $nb i32)    ;; bases: nt-k-1
    (local $p i32)     ;; level
    (local $j i32)
    (local $top i32)   ;; intervals of the level: nt-1-p
    (local $tj i32)    ;; address of t_j
    (local $ij i32)    ;; address of inv_{p,j}
    (local $wj i32)    ;; address of work[j]
    (local $off i32)   ;; byte offset of (row j, point r) in b and db
    (local $xv v128) (local $xs v128) (local $one v128) (local $kv v128)
    (local $lo v128) (local $hi v128) (local $w0 v128) (local $w1 v128)
    (local $i0 v128) (local $i1 v128) (local $v v128) (local $d v128)
    (if (i32.le_s (local.get $n) (i32.const 0)) (then (return)))
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $kv (f32x4.splat (f32.convert_i32_s (local.get $k))))
    (local.set $lo (v128.load32_splat (local.get $t)))
    (local.set $hi (v128.load32_splat
      (i32.add (local.get $t) (i32.shl (i32.sub (local.get $nt) (i32.const 1)) (i32.const 2)))))
    (local.set $nb (i32.sub (i32.sub (local.get $nt) (local.get $k)) (i32.const 1)))
    (local.set $step (i32.shl (local.get $incx) (i32.const 2)))
    (local.set $ldb4 (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $xp (local.get $x))
    (loop $groups
      (local.set $left (i32.sub (local.get $n) (local.get $r)))
      ;; Gather four x (NaN past the n-th point: no interval, never stored).
      (local.set $xv (f32x4.splat (f32.const nan)))
      (local.set $xv (f32x4.replace_lane 0 (local.get $xv) (f32.load (local.get $xp))))
      (if (i32.gt_s (local.get $left) (i32.const 1))
        (then (local.set $xv (f32x4.replace_lane 1 (local.get $xv)
          (f32.load (i32.add (local.get $xp) (local.get $step)))))))
      (if (i32.gt_s (local.get $left) (i32.const 2))
        (then (local.set $xv (f32x4.replace_lane 2 (local.get $xv)
          (f32.load (i32.add (local.get $xp) (i32.shl (local.get $step) (i32.const 1))))))))
      (if (i32.gt_s (local.get $left) (i32.const 3))
        (then (local.set $xv (f32x4.replace_lane 3 (local.get $xv)
          (f32.load (i32.add (local.get $xp) (i32.mul (local.get $step) (i32.const 3))))))))
      ;; x where it has an interval, 0 elsewhere.
      (local.set $xs (v128.and (local.get $xv)
        (v128.and (f32x4.ge (local.get $xv) (local.get $lo)) (f32x4.lt (local.get $xv) (local.get $hi)))))

      ;; Level 0: the indicators of the nt-1 intervals.
      (local.set $top (i32.sub (local.get $nt) (i32.const 1)))
      (local.set $tj (local.get $t))
      (local.set $wj (local.get $work))
      (local.set $w0 (v128.load32_splat (local.get $tj)))
      (local.set $j (i32.const 0))
      (loop $level0
        (local.set $w1 (v128.load32_splat offset=4 (local.get $tj)))
        (v128.store (local.get $wj)
          (v128.and (local.get $one)
            (v128.and (f32x4.le (local.get $w0) (local.get $xv)) (f32x4.lt (local.get $xv) (local.get $w1)))))
        (local.set $w0 (local.get $w1))
        (local.set $tj (i32.add (local.get $tj) (i32.const 4)))
        (local.set $wj (i32.add (local.get $wj) (i32.const 16)))
        (br_if $level0 (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $top))))

      ;; Levels 1..k-1, in place.
      (local.set $p (i32.const 1))
      (block $levels_done
        (loop $levels
          (br_if $levels_done (i32.ge_s (local.get $p) (local.get $k)))
          (local.set $top (i32.sub (local.get $top) (i32.const 1)))
          (local.set $tj (local.get $t))
          (local.set $ij (i32.add (local.get $inv)
            (i32.shl (i32.mul (i32.sub (local.get $p) (i32.const 1)) (local.get $nt)) (i32.const 2))))
          (local.set $wj (local.get $work))
          (local.set $w0 (v128.load (local.get $wj)))
          (local.set $i0 (v128.load32_splat (local.get $ij)))
          (local.set $j (i32.const 0))
          (loop $entries
            (local.set $w1 (v128.load offset=16 (local.get $wj)))
            (local.set $i1 (v128.load32_splat offset=4 (local.get $ij)))
            ;; ((x-t_j)·inv_j)·B_j + ((t_{j+p+1}-x)·inv_{j+1})·B_{j+1}
            (v128.store (local.get $wj)
              (f32x4.add
                (f32x4.mul (f32x4.mul (f32x4.sub (local.get $xs) (v128.load32_splat (local.get $tj))) (local.get $i0)) (local.get $w0))
                (f32x4.mul
                  (f32x4.mul
                    (f32x4.sub
                      (v128.load32_splat (i32.add (local.get $tj) (i32.shl (i32.add (local.get $p) (i32.const 1)) (i32.const 2))))
                      (local.get $xs))
                    (local.get $i1))
                  (local.get $w1))))
            (local.set $w0 (local.get $w1))
            (local.set $i0 (local.get $i1))
            (local.set $tj (i32.add (local.get $tj) (i32.const 4)))
            (local.set $ij (i32.add (local.get $ij) (i32.const 4)))
            (local.set $wj (i32.add (local.get $wj) (i32.const 16)))
            (br_if $entries (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $top))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $levels)))

      ;; Level k: the nb values and derivatives, into b and db.
      (local.set $tj (local.get $t))
      (local.set $ij (i32.add (local.get $inv)
        (i32.shl (i32.mul (i32.sub (local.get $k) (i32.const 1)) (local.get $nt)) (i32.const 2))))
      (local.set $wj (local.get $work))
      (local.set $off (i32.shl (local.get $r) (i32.const 2)))
      (local.set $w0 (v128.load (local.get $wj)))
      (local.set $i0 (v128.load32_splat (local.get $ij)))
      (local.set $j (i32.const 0))
      (loop $bases
        (local.set $w1 (v128.load offset=16 (local.get $wj)))
        (local.set $i1 (v128.load32_splat offset=4 (local.get $ij)))
        (local.set $v
          (f32x4.add
            (f32x4.mul (f32x4.mul (f32x4.sub (local.get $xs) (v128.load32_splat (local.get $tj))) (local.get $i0)) (local.get $w0))
            (f32x4.mul
              (f32x4.mul
                (f32x4.sub
                  (v128.load32_splat (i32.add (local.get $tj) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2))))
                  (local.get $xs))
                (local.get $i1))
              (local.get $w1))))
        (if (i32.ge_s (local.get $left) (i32.const 4))
          (then (v128.store (i32.add (local.get $b) (local.get $off)) (local.get $v)))
          (else (call $store_part (i32.add (local.get $b) (local.get $off)) (local.get $v) (local.get $left))))
        (if (local.get $db)
          (then
            (local.set $d (f32x4.mul (local.get $kv)
              (f32x4.sub (f32x4.mul (local.get $w0) (local.get $i0)) (f32x4.mul (local.get $w1) (local.get $i1)))))
            (if (i32.ge_s (local.get $left) (i32.const 4))
              (then (v128.store (i32.add (local.get $db) (local.get $off)) (local.get $d)))
              (else (call $store_part (i32.add (local.get $db) (local.get $off)) (local.get $d) (local.get $left))))))
        (local.set $w0 (local.get $w1))
        (local.set $i0 (local.get $i1))
        (local.set $tj (i32.add (local.get $tj) (i32.const 4)))
        (local.set $ij (i32.add (local.get $ij) (i32.const 4)))
        (local.set $wj (i32.add (local.get $wj) (i32.const 16)))
        (local.set $off (i32.add (local.get $off) (local.get $ldb4)))
        (br_if $bases (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $nb))))

      (local.set $xp (i32.add (local.get $xp) (i32.shl (local.get $step) (i32.const 2))))
      (br_if $groups (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 4))) (local.get $n)))))
)
