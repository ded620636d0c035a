import { useEffect, useState, type RefObject } from 'react';

/** Whether the element is in (or near) the viewport: the inbox loads its next page then. */
export function useVisible(ref: RefObject<Element | null>, rootMargin = '400px'): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setVisible(entry?.isIntersecting ?? false), { rootMargin });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, rootMargin]);
  return visible;
}
