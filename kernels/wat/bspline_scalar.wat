;; bspline_scalar.wat: the KAN layer's batched B-spline basis (slot 25 of
;; stub.wat) without SIMD, for browsers that lack SIMD128 (WebAssembly
;; 1.0 instructions only).
;;
;; The algorithm of bspline_simd.wat one point at a time: all nt-1
;; level-0 indicators into work (the first nt-1 of its floats), levels
;; 1..k-1 in place, level k into b and db. The same operations in the
;; same order as the SIMD body and the Go body, so the three agree bit for
;; bit up to the sign of a zero. db = 0 skips the derivatives.
(module
  (import "go" "mem" (memory 0))
  (import "env" "kernels" (table 64 funcref))

  ;; (n x incx k nt t inv b db ldb work)
  (type $bspline (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))

  (elem (i32.const 25) func $bspline_basis)

  (func $bspline_basis (export "bspline_basis") (type $bspline)
    (param $n i32) (param $x i32) (param $incx i32) (param $k i32) (param $nt i32)
    (param $t i32) (param $inv i32) (param $b i32) (param $db i32) (param $ldb i32) (param $work i32)
    (local $r i32) (local $xp i32) (local $step i32) (local $ldb4 i32) (local $nb i32)
    (local $p i32) (local $j i32) (local $top i32) (local $tj i32) (local $ij i32) (local $wj i32) (local $off i32)
    (local $xv f32) (local $xs f32) (local $lo f32) (local $hi f32) (local $kf f32)
    (local $w0 f32) (local $w1 f32) (local $i0 f32) (local $i1 f32) (local $t0 f32) (local $t1 f32)
    (if (i32.le_s (local.get $n) (i32.const 0)) (then (return)))
    (local.set $kf (f32.convert_i32_s (local.get $k)))
    (local.set $lo (f32.load (local.get $t)))
    (local.set $hi (f32.load (i32.add (local.get $t) (i32.shl (i32.sub (local.get $nt) (i32.const 1)) (i32.const 2)))))
    (local.set $nb (i32.sub (i32.sub (local.get $nt) (local.get $k)) (i32.const 1)))
    (local.set $step (i32.shl (local.get $incx) (i32.const 2)))
    (local.set $ldb4 (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $xp (local.get $x))
    (loop $points
      (local.set $xv (f32.load (local.get $xp)))
      ;; x where it has an interval, 0 elsewhere (so inf·0 never happens).
      (local.set $xs (select (local.get $xv) (f32.const 0)
        (i32.and (f32.ge (local.get $xv) (local.get $lo)) (f32.lt (local.get $xv) (local.get $hi)))))

      (local.set $top (i32.sub (local.get $nt) (i32.const 1)))
      (local.set $tj (local.get $t))
      (local.set $wj (local.get $work))
      (local.set $t0 (local.get $lo))
      (local.set $j (i32.const 0))
      (loop $level0
        (local.set $t1 (f32.load offset=4 (local.get $tj)))
        (f32.store (local.get $wj)
          (select (f32.const 1) (f32.const 0)
            (i32.and (f32.le (local.get $t0) (local.get $xv)) (f32.lt (local.get $xv) (local.get $t1)))))
        (local.set $t0 (local.get $t1))
        (local.set $tj (i32.add (local.get $tj) (i32.const 4)))
        (local.set $wj (i32.add (local.get $wj) (i32.const 4)))
        (br_if $level0 (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $top))))

      (local.set $p (i32.const 1))
      (block $levels_done
        (loop $levels
          (br_if $levels_done (i32.ge_s (local.get $p) (local.get $k)))
          (local.set $top (i32.sub (local.get $top) (i32.const 1)))
          (local.set $tj (local.get $t))
          (local.set $ij (i32.add (local.get $inv)
            (i32.shl (i32.mul (i32.sub (local.get $p) (i32.const 1)) (local.get $nt)) (i32.const 2))))
          (local.set $wj (local.get $work))
          (local.set $w0 (f32.load (local.get $wj)))
          (local.set $i0 (f32.load (local.get $ij)))
          (local.set $j (i32.const 0))
          (loop $entries
            (local.set $w1 (f32.load offset=4 (local.get $wj)))
            (local.set $i1 (f32.load offset=4 (local.get $ij)))
            (f32.store (local.get $wj)
              (f32.add
                (f32.mul (f32.mul (f32.sub (local.get $xs) (f32.load (local.get $tj))) (local.get $i0)) (local.get $w0))
                (f32.mul
                  (f32.mul
                    (f32.sub
                      (f32.load (i32.add (local.get $tj) (i32.shl (i32.add (local.get $p) (i32.const 1)) (i32.const 2))))
                      (local.get $xs))
                    (local.get $i1))
                  (local.get $w1))))
            (local.set $w0 (local.get $w1))
            (local.set $i0 (local.get $i1))
            (local.set $tj (i32.add (local.get $tj) (i32.const 4)))
            (local.set $ij (i32.add (local.get $ij) (i32.const 4)))
            (local.set $wj (i32.add (local.get $wj) (i32.const 4)))
            (br_if $entries (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $top))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $levels)))

      (local.set $tj (local.get $t))
      (local.set $ij (i32.add (local.get $inv)
        (i32.shl (i32.mul (i32.sub (local.get $k) (i32.const 1)) (local.get $nt)) (i32.const 2))))
      (local.set $wj (local.get $work))
      (local.set $off (i32.shl (local.get $r) (i32.const 2)))
      (local.set $w0 (f32.load (local.get $wj)))
      (local.set $i0 (f32.load (local.get $ij)))
      (local.set $j (i32.const 0))
      (loop $bases
        (local.set $w1 (f32.load offset=4 (local.get $wj)))
        (local.set $i1 (f32.load offset=4 (local.get $ij)))
        (f32.store (i32.add (local.get $b) (local.get $off))
          (f32.add
            (f32.mul (f32.mul (f32.sub (local.get $xs) (f32.load (local.get $tj))) (local.get $i0)) (local.get $w0))
            (f32.mul
              (f32.mul
                (f32.sub
                  (f32.load (i32.add (local.get $tj) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2))))
                  (local.get $xs))
                (local.get $i1))
              (local.get $w1))))
        (if (local.get $db)
          (then
            (f32.store (i32.add (local.get $db) (local.get $off))
              (f32.mul (local.get $kf)
                (f32.sub (f32.mul (local.get $w0) (local.get $i0)) (f32.mul (local.get $w1) (local.get $i1)))))))
        (local.set $w0 (local.get $w1))
        (local.set $i0 (local.get $i1))
        (local.set $tj (i32.add (local.get $tj) (i32.const 4)))
        (local.set $ij (i32.add (local.get $ij) (i32.const 4)))
        (local.set $wj (i32.add (local.get $wj) (i32.const 4)))
        (local.set $off (i32.add (local.get $off) (local.get $ldb4)))
        (br_if $bases (i32.lt_s (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $nb))))

      (local.set $xp (i32.add (local.get $xp) (local.get $step)))
      (br_if $points (i32.lt_s (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $n)))))
)
